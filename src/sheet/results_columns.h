// The columns of a results sheet that `<results-data>` reads (plan-format.md
// §9.23), and the words its 達成 column takes: the export writes them, the
// reader looks for them.
#pragma once

namespace shiryo::sheet::columns {

inline constexpr const char* kId = "id";
inline constexpr const char* kActual = "実績";
inline constexpr const char* kAchieved = "達成";
inline constexpr const char* kPending = "未定";
inline constexpr const char* kReason = "未達成の理由";
inline constexpr const char* kNext = "今後の対応策";

inline constexpr const char* kMet = "達成";
inline constexpr const char* kUnmet = "未達成";
inline constexpr const char* kPendingWord = "未定";

}  // namespace shiryo::sheet::columns
