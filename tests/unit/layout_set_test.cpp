// style/layout_set.h: layout sets, lengths and colours.
#include "style/layout_set.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "diag/source_file.h"

namespace {

using shiryo::diag::Diagnostics;
using shiryo::diag::SourceFile;
using shiryo::style::Align;
using shiryo::style::Color;
using shiryo::style::LayoutSet;
using shiryo::style::parse_color;
using shiryo::style::parse_length;
using shiryo::style::Requirements;

constexpr double kMm = 72.0 / 25.4;  // points per millimetre

// ---- parse_length ----

TEST(ParseLength, Millimetres) {
  const auto v = parse_length("12mm");
  ASSERT_TRUE(v.has_value());
  EXPECT_NEAR(*v, 34.0157, 1e-4);
  EXPECT_NEAR(*parse_length("210mm"), 595.2756, 1e-4);  // A4 width
  EXPECT_NEAR(*parse_length("2.5mm"), 7.0866, 1e-4);
  EXPECT_NEAR(*parse_length("25.4mm"), 72.0, 1e-9);
}

TEST(ParseLength, Points) {
  const auto v = parse_length("10.5pt");
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(*v, 10.5);
  EXPECT_DOUBLE_EQ(*parse_length("12pt"), 12.0);
  EXPECT_DOUBLE_EQ(*parse_length("0.6pt"), 0.6);
  EXPECT_DOUBLE_EQ(*parse_length("0pt"), 0.0);
}

TEST(ParseLength, RejectsAMissingUnit) {
  EXPECT_FALSE(parse_length("12").has_value());
  EXPECT_FALSE(parse_length("120").has_value());
  EXPECT_FALSE(parse_length("10.5").has_value());
}

TEST(ParseLength, RejectsOtherUnits) {
  EXPECT_FALSE(parse_length("12cm").has_value());
  EXPECT_FALSE(parse_length("1in").has_value());
  EXPECT_FALSE(parse_length("12px").has_value());
  EXPECT_FALSE(parse_length("12MM").has_value());
}

TEST(ParseLength, RejectsAMissingNumber) {
  EXPECT_FALSE(parse_length("mm").has_value());
  EXPECT_FALSE(parse_length("pt").has_value());
  EXPECT_FALSE(parse_length(".mm").has_value());
  EXPECT_FALSE(parse_length("").has_value());
}

TEST(ParseLength, RejectsMalformedNumbers) {
  EXPECT_FALSE(parse_length("1.2.3mm").has_value());
  EXPECT_FALSE(parse_length("12 mm").has_value());
  EXPECT_FALSE(parse_length(" 12mm").has_value());
  EXPECT_FALSE(parse_length("1x2mm").has_value());
  EXPECT_FALSE(parse_length("１２mm").has_value());  // full-width digits
}

// ---- parse_color ----

TEST(ParseColor, Hex) {
  const auto c = parse_color("#D9D9D9");
  ASSERT_TRUE(c.has_value());
  EXPECT_DOUBLE_EQ(c->r, 217.0 / 255.0);
  EXPECT_DOUBLE_EQ(c->g, 217.0 / 255.0);
  EXPECT_DOUBLE_EQ(c->b, 217.0 / 255.0);
  const auto mixed = parse_color("#FF8000");
  ASSERT_TRUE(mixed.has_value());
  EXPECT_DOUBLE_EQ(mixed->r, 1.0);
  EXPECT_DOUBLE_EQ(mixed->g, 128.0 / 255.0);
  EXPECT_DOUBLE_EQ(mixed->b, 0.0);
  EXPECT_EQ(*parse_color("#000000"), (Color{0, 0, 0}));
  EXPECT_EQ(*parse_color("#FFFFFF"), (Color{1, 1, 1}));
}

TEST(ParseColor, RejectsAMissingHash) {
  EXPECT_FALSE(parse_color("D9D9D9").has_value());
  EXPECT_FALSE(parse_color("0xD9D9D9").has_value());
}

TEST(ParseColor, RejectsNonHexDigits) {
  EXPECT_FALSE(parse_color("#GG0000").has_value());
  EXPECT_FALSE(parse_color("#00GG00").has_value());
  EXPECT_FALSE(parse_color("#0000GG").has_value());
  EXPECT_FALSE(parse_color("#0 0000").has_value());
}

TEST(ParseColor, RejectsSigns) {
  // Each channel is two hex digits; a sign is not a digit.
  EXPECT_FALSE(parse_color("#-10000").has_value());
  EXPECT_FALSE(parse_color("#00-F00").has_value());
  EXPECT_FALSE(parse_color("#+10000").has_value());
}

TEST(ParseColor, RejectsWrongLength) {
  EXPECT_FALSE(parse_color("#D9D9D").has_value());
  EXPECT_FALSE(parse_color("#D9D9D9D").has_value());
  EXPECT_FALSE(parse_color("#DDD").has_value());
  EXPECT_FALSE(parse_color("").has_value());
  EXPECT_FALSE(parse_color("#").has_value());
}

// ---- LayoutSet::load ----

const char* const kLayout =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<layout-set name=\"test\">\n"
    "  <fonts>\n"
    "    <role name=\"mincho\" faces=\"BIZUDMincho-Regular BIZUDGothic-Regular\"/>\n"
    "    <role name=\"gothic\" faces=\"BIZUDGothic-Regular\"/>\n"
    "  </fonts>\n"
    "  <page name=\"portrait\" width=\"210mm\" height=\"297mm\"\n"
    "        margin-top=\"25mm\" margin-right=\"22mm\" margin-bottom=\"22mm\" margin-left=\"20pt\"/>\n"
    "  <style name=\"body\" font=\"mincho\" size=\"12pt\" line-height=\"1.4\" color=\"#102030\"/>\n"
    "  <style name=\"title\" base=\"body\" font=\"gothic\" size=\"16pt\" align=\"center\"\n"
    "         space-after=\"10mm\"/>\n"
    "  <style name=\"cell\" base=\"body\" size=\"11pt\" padding=\"2.5mm\" fill=\"#D9D9D9\"/>\n"
    "  <style name=\"cell-center\" base=\"cell\" align=\"center\" rule-width=\"0.6pt\"/>\n"
    "  <length name=\"column.no\" value=\"12mm\"/>\n"
    "  <word name=\"roster.title\" text=\"{committee}委員名簿\"/>\n"
    "  <word name=\"page\" text=\"{label}-{n} / {n}\"/>\n"
    "  <word name=\"bookmark\" text=\"次第\"/>\n"
    "</layout-set>\n";

struct Loaded {
  std::shared_ptr<const SourceFile> file;
  Diagnostics diags;
  std::optional<LayoutSet> set;
};

std::unique_ptr<Loaded> load(std::string text, const Requirements& needs = {}) {
  auto l = std::make_unique<Loaded>();
  l->file = std::make_shared<const SourceFile>("layouts/test/layout.xml", std::move(text));
  l->set = LayoutSet::load(l->file, needs, l->diags);
  return l;
}

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) out += d.message + "\n";
  return out;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(LayoutSetLoad, ReadsAWellFormedSet) {
  Requirements needs;
  needs.styles = {"body", "title", "cell-center"};
  needs.lengths = {"column.no"};
  needs.words = {"roster.title"};
  needs.pages = {"portrait"};
  auto l = load(kLayout, needs);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  EXPECT_TRUE(l->diags.empty()) << messages(l->diags);
  const LayoutSet& s = *l->set;
  EXPECT_EQ(s.name(), "test");
  ASSERT_EQ(s.font_roles().size(), 2u);
  EXPECT_EQ(s.font_roles()[0].name, "mincho");
  ASSERT_EQ(s.font_roles()[0].faces.size(), 2u);
  EXPECT_EQ(s.font_roles()[0].faces[0], "BIZUDMincho-Regular");
  EXPECT_EQ(s.font_roles()[0].faces[1], "BIZUDGothic-Regular");
  EXPECT_NEAR(s.length("column.no"), 12 * kMm, 1e-9);

  const auto& page = s.page("portrait");
  EXPECT_NEAR(page.width, 210 * kMm, 1e-9);
  EXPECT_NEAR(page.height, 297 * kMm, 1e-9);
  EXPECT_NEAR(page.margin_top, 25 * kMm, 1e-9);
  EXPECT_NEAR(page.margin_right, 22 * kMm, 1e-9);
  EXPECT_NEAR(page.margin_bottom, 22 * kMm, 1e-9);
  EXPECT_DOUBLE_EQ(page.margin_left, 20.0);
}

TEST(LayoutSetLoad, StylesInheritFromTheirBase) {
  auto l = load(kLayout);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  const LayoutSet& s = *l->set;

  const auto& body = s.style("body");
  EXPECT_EQ(body.font, "mincho");
  EXPECT_DOUBLE_EQ(body.size, 12.0);
  EXPECT_DOUBLE_EQ(body.line_height, 1.4);
  EXPECT_EQ(body.align, Align::left);
  EXPECT_FALSE(body.fill.has_value());
  EXPECT_DOUBLE_EQ(body.color.r, 16.0 / 255.0);
  EXPECT_DOUBLE_EQ(body.color.g, 32.0 / 255.0);
  EXPECT_DOUBLE_EQ(body.color.b, 48.0 / 255.0);

  const auto& title = s.style("title");
  EXPECT_EQ(title.font, "gothic");                // overridden
  EXPECT_DOUBLE_EQ(title.size, 16.0);             // overridden
  EXPECT_DOUBLE_EQ(title.line_height, 1.4);       // from body
  EXPECT_EQ(title.color, body.color);             // from body
  EXPECT_EQ(title.align, Align::center);
  EXPECT_NEAR(title.space_after, 10 * kMm, 1e-9);

  // Two levels: cell-center ← cell ← body.
  const auto& cc = s.style("cell-center");
  EXPECT_EQ(cc.font, "mincho");                   // from body
  EXPECT_DOUBLE_EQ(cc.line_height, 1.4);          // from body
  EXPECT_DOUBLE_EQ(cc.size, 11.0);                // from cell
  EXPECT_NEAR(cc.padding, 2.5 * kMm, 1e-9);       // from cell
  ASSERT_TRUE(cc.fill.has_value());               // from cell
  EXPECT_DOUBLE_EQ(cc.fill->r, 217.0 / 255.0);
  EXPECT_EQ(cc.align, Align::center);             // own
  EXPECT_DOUBLE_EQ(cc.rule_width, 0.6);           // own
  // The base itself is not changed by what derives from it.
  EXPECT_EQ(s.style("cell").align, Align::left);
  EXPECT_DOUBLE_EQ(s.style("cell").rule_width, 0.5);
}

TEST(LayoutSetLoad, WordsWithPlaceholders) {
  auto l = load(kLayout);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  const LayoutSet& s = *l->set;
  EXPECT_EQ(s.word("bookmark"), "次第");
  EXPECT_EQ(s.word("roster.title", {{"committee", "厚木市行政改革調査"}}),
            "厚木市行政改革調査委員名簿");
  // Every occurrence is replaced, and each placeholder by its own value.
  EXPECT_EQ(s.word("page", {{"label", "資料1"}, {"n", "3"}}), "資料1-3 / 3");
  EXPECT_EQ(s.word("page", {{"n", "{n}"}, {"label", "L"}}), "L-{n} / {n}");
  // Without values the text is as written.
  EXPECT_EQ(s.word("page"), "{label}-{n} / {n}");
}

TEST(LayoutSetLoad, WordValuesAreNotTemplates) {
  // Placeholders are those of the layout's word; a value (packet text such as
  // a title) that happens to contain `{n}` prints as typed.
  auto l = load(kLayout);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  EXPECT_EQ(l->set->word("page", {{"label", "{n}"}, {"n", "12"}}), "{n}-12 / 12");
  EXPECT_EQ(l->set->word("roster.title", {{"committee", "{committee}"}}), "{committee}委員名簿");
}

TEST(LayoutSetLoad, MissingRequiredStyleIsReported) {
  Requirements needs;
  needs.styles = {"body", "agenda.title"};
  needs.words = {"bookmark", "agenda.when"};
  auto l = load(kLayout, needs);
  EXPECT_FALSE(l->set.has_value());
  ASSERT_TRUE(l->diags.has_errors());
  const std::string all = messages(l->diags);
  EXPECT_NE(all.find("agenda.title"), std::string::npos) << all;
  EXPECT_NE(all.find("agenda.when"), std::string::npos) << all;
  EXPECT_EQ(all.find("\"body\""), std::string::npos) << all;
  EXPECT_EQ(l->diags.items().size(), 2u) << all;
  for (const auto& d : l->diags.items()) {
    EXPECT_EQ(d.file, l->file);
    // Reported at the layout set's root element.
    EXPECT_EQ(d.offset, l->file->text().find("<layout-set"));
  }
}

TEST(LayoutSetLoad, MalformedLengthAtTheValue) {
  auto l = load(replace(kLayout, "<length name=\"column.no\" value=\"12mm\"/>",
                        "<length name=\"column.no\" value=\"12\"/>"));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  const auto pos = d.file->locate(d.offset);
  EXPECT_EQ(pos.line, 14u);
  EXPECT_EQ(pos.column, 35u);  // `  <length name="column.no" value="` is 34 characters
  EXPECT_NE(d.message.find("\"12\""), std::string::npos) << d.message;
}

TEST(LayoutSetLoad, MalformedStyleSizeAtTheValue) {
  auto l = load(replace(kLayout, "size=\"16pt\"", "size=\"16cm\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  EXPECT_EQ(d.offset, l->file->text().find("16cm"));
  const auto pos = d.file->locate(d.offset);
  EXPECT_EQ(pos.line, 10u);
  EXPECT_EQ(pos.column, 55u);  // 54 characters precede 16cm
}

TEST(LayoutSetLoad, MalformedColourAtTheValue) {
  auto l = load(replace(kLayout, "fill=\"#D9D9D9\"", "fill=\"D9D9D9\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  EXPECT_EQ(l->diags.items()[0].offset, l->file->text().find("D9D9D9"));
}

TEST(LayoutSetLoad, MalformedLengthAfterJapaneseOnTheLine) {
  // The column counts characters: 委員名簿 is four, not twelve.
  auto l = load(replace(kLayout, "<length name=\"column.no\" value=\"12mm\"/>",
                        "<word name=\"w\" text=\"委員名簿\"/><length name=\"x\" value=\"3 mm\"/>"));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  EXPECT_EQ(d.offset, l->file->text().find("3 mm"));
  const auto pos = d.file->locate(d.offset);
  EXPECT_EQ(pos.line, 14u);
  // `  <word name="w" text="委員名簿"/>` is 30 characters, `<length name="x" value="` 24.
  EXPECT_EQ(pos.column, 55u);
}

TEST(LayoutSetLoad, UnknownElementAtItsLessThanSign) {
  auto l = load(replace(kLayout, "  <length name=\"column.no\"", "  <colour name=\"x\"/>\n  <length name=\"column.no\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  EXPECT_EQ(d.offset, l->file->text().find("<colour"));
  EXPECT_NE(d.message.find("colour"), std::string::npos) << d.message;
  const auto pos = d.file->locate(d.offset);
  EXPECT_EQ(pos.line, 14u);
  EXPECT_EQ(pos.column, 3u);
}

TEST(LayoutSetLoad, UnknownAttributeAtItsName) {
  auto l = load(replace(kLayout, "<style name=\"body\" font=\"mincho\"",
                        "<style name=\"body\" colour=\"#000000\" font=\"mincho\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  EXPECT_EQ(l->diags.items()[0].offset, l->file->text().find("colour="));
}

TEST(LayoutSetLoad, BaseMustBeDefinedAbove) {
  auto l = load(replace(kLayout, "base=\"cell\"", "base=\"cel\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_TRUE(l->diags.has_errors());
  EXPECT_EQ(l->diags.items()[0].offset, l->file->text().find("cel\""));
  EXPECT_NE(l->diags.items()[0].message.find("cel"), std::string::npos);
}

TEST(LayoutSetLoad, StyleFontMustBeARole) {
  auto l = load(replace(kLayout, "font=\"gothic\"", "font=\"gothik\""));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_TRUE(l->diags.has_errors());
  EXPECT_EQ(l->diags.items()[0].offset, l->file->text().find("gothik"));
}

TEST(LayoutSetLoad, MissingRequiredAttributeAtTheElement) {
  auto l = load(replace(kLayout, "<word name=\"bookmark\" text=\"次第\"/>", "<word name=\"bookmark\"/>"));
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  EXPECT_EQ(l->diags.items()[0].offset, l->file->text().find("<word name=\"bookmark\""));
  EXPECT_NE(l->diags.items()[0].message.find("text"), std::string::npos);
}

TEST(LayoutSetLoad, WrongRootElement) {
  auto l = load("<layout name=\"x\"/>");
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u);
  EXPECT_EQ(l->diags.items()[0].offset, 0u);
}

TEST(LayoutSetLoad, MalformedXml) {
  auto l = load("<layout-set name=\"x\">\n  <style name=\"a\"\n</layout-set>\n");
  EXPECT_FALSE(l->set.has_value());
  EXPECT_TRUE(l->diags.has_errors());
}

TEST(LayoutSetLoad, EveryProblemIsReported) {
  std::string text = replace(kLayout, "size=\"16pt\"", "size=\"16\"");
  text = replace(text, "padding=\"2.5mm\"", "padding=\"2,5mm\"");
  text = replace(text, "  <length name=\"column.no\"", "  <lenght/>\n  <length name=\"column.no\"");
  auto l = load(text);
  EXPECT_FALSE(l->set.has_value());
  EXPECT_EQ(l->diags.items().size(), 3u) << messages(l->diags);
}

// ---- derived sets: <layout-set base> ----

// Derived sets find their bases among these files, by the name `base` gives.
struct Library {
  std::map<std::string, std::string> files;  // set name → text
  std::vector<std::string> asked;
  shiryo::style::BaseFinder finder() {
    return [this](const std::string& name, const SourceFile&, std::string& error)
               -> std::shared_ptr<const SourceFile> {
      asked.push_back(name);
      const auto it = files.find(name);
      if (it == files.end()) {
        error = "looked for layouts/" + name + "/layout.xml";
        return nullptr;
      }
      return std::make_shared<const SourceFile>("layouts/" + name + "/layout.xml", it->second);
    };
  }
};

std::unique_ptr<Loaded> load_derived(std::string text, Library& library, const Requirements& needs = {}) {
  auto l = std::make_unique<Loaded>();
  l->file = std::make_shared<const SourceFile>("layouts/derived/layout.xml", std::move(text));
  l->set = LayoutSet::load(l->file, needs, l->diags, library.finder());
  return l;
}

const char* const kDerived =
    "<layout-set name=\"derived\" base=\"test\">\n"
    "  <page name=\"portrait\" width=\"210mm\" height=\"297mm\"\n"
    "        margin-top=\"15mm\" margin-right=\"15mm\" margin-bottom=\"15mm\" margin-left=\"15mm\"/>\n"
    "  <style name=\"body\" base=\"body\" size=\"9pt\"/>\n"
    "  <style name=\"title\" font=\"mincho\" size=\"13pt\"/>\n"
    "  <style name=\"small\" base=\"cell\" size=\"8pt\"/>\n"
    "  <length name=\"column.no\" value=\"10mm\"/>\n"
    "  <length name=\"column.extra\" value=\"5pt\"/>\n"
    "  <word name=\"bookmark\" text=\"式次第\"/>\n"
    "</layout-set>\n";

TEST(LayoutSetDerived, OverridesAndAddsToItsBase) {
  Library library;
  library.files["test"] = kLayout;
  Requirements needs;
  needs.styles = {"body", "title", "cell", "small"};
  needs.lengths = {"column.no", "column.extra"};
  needs.words = {"bookmark", "roster.title"};
  needs.pages = {"portrait"};
  auto l = load_derived(kDerived, library, needs);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  EXPECT_TRUE(l->diags.empty()) << messages(l->diags);
  const LayoutSet& s = *l->set;
  EXPECT_EQ(s.name(), "derived");
  EXPECT_EQ(library.asked, std::vector<std::string>{"test"});
  // A style based on the base set's style of the same name keeps the rest.
  EXPECT_DOUBLE_EQ(s.style("body").size, 9.0);
  EXPECT_DOUBLE_EQ(s.style("body").line_height, 1.4);
  EXPECT_EQ(s.style("body").color, (Color{0x10 / 255.0, 0x20 / 255.0, 0x30 / 255.0}));
  // A style redefined without base is replaced whole: no centring, no space.
  EXPECT_DOUBLE_EQ(s.style("title").size, 13.0);
  EXPECT_EQ(s.style("title").align, Align::left);
  EXPECT_DOUBLE_EQ(s.style("title").space_after, 0.0);
  // What the derived set does not name stays the base's.
  EXPECT_DOUBLE_EQ(s.style("cell").size, 11.0);
  EXPECT_DOUBLE_EQ(s.style("cell-center").size, 11.0);
  EXPECT_DOUBLE_EQ(s.style("small").size, 8.0);
  EXPECT_NEAR(s.style("small").padding, 2.5 * kMm, 1e-9);
  EXPECT_NEAR(s.page("portrait").margin_left, 15 * kMm, 1e-9);
  EXPECT_NEAR(s.length("column.no"), 10 * kMm, 1e-9);
  EXPECT_DOUBLE_EQ(s.length("column.extra"), 5.0);
  EXPECT_EQ(s.word("bookmark"), "式次第");
  EXPECT_EQ(s.word("roster.title", {{"committee", "X"}}), "X委員名簿");
  ASSERT_EQ(s.font_roles().size(), 2u);
}

TEST(LayoutSetDerived, FontRolesReplaceByName) {
  Library library;
  library.files["test"] = kLayout;
  auto l = load_derived(
      "<layout-set name=\"derived\" base=\"test\">\n"
      "  <fonts><role name=\"gothic\" faces=\"BIZUDGothic-Bold\"/><role name=\"extra\" faces=\"X\"/></fonts>\n"
      "</layout-set>\n",
      library);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  const auto& roles = l->set->font_roles();
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[1].name, "gothic");
  EXPECT_EQ(roles[1].faces, std::vector<std::string>{"BIZUDGothic-Bold"});
  EXPECT_EQ(roles[2].name, "extra");
}

TEST(LayoutSetDerived, ChainsOfBases) {
  Library library;
  library.files["test"] = kLayout;
  library.files["derived"] = kDerived;
  auto l = load_derived("<layout-set name=\"third\" base=\"derived\">\n"
                        "  <style name=\"body\" base=\"body\" line-height=\"1.2\"/>\n"
                        "</layout-set>\n",
                        library);
  ASSERT_TRUE(l->set.has_value()) << messages(l->diags);
  EXPECT_EQ(library.asked, (std::vector<std::string>{"derived", "test"}));
  EXPECT_DOUBLE_EQ(l->set->style("body").size, 9.0);
  EXPECT_DOUBLE_EQ(l->set->style("body").line_height, 1.2);
  EXPECT_EQ(l->set->name(), "third");
}

TEST(LayoutSetDerived, RequirementsAreCheckedOnTheWholeSet) {
  // The base alone lacks "small"; the derived set adds it, so all is there.
  Library library;
  library.files["test"] = kLayout;
  Requirements needs;
  needs.styles = {"small", "cell"};
  needs.lengths = {"column.extra"};
  EXPECT_TRUE(load_derived(kDerived, library, needs)->set.has_value());
  needs.lengths.push_back("column.missing");
  auto l = load_derived(kDerived, library, needs);
  EXPECT_FALSE(l->set.has_value());
  EXPECT_NE(messages(l->diags).find("layout set has no length \"column.missing\""), std::string::npos)
      << messages(l->diags);
}

TEST(LayoutSetDerived, AMissingBaseIsAnErrorAtTheAttribute) {
  Library library;
  const std::string text = kDerived;
  auto l = load_derived(text, library);
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  EXPECT_EQ(d.offset, text.find("\"test\"") + 1);
  EXPECT_EQ(d.message, "base layout set \"test\" not found; looked for layouts/test/layout.xml");
}

TEST(LayoutSetDerived, WithoutAFinderABaseIsNotFound) {
  auto l = load(kDerived);
  EXPECT_FALSE(l->set.has_value());
  EXPECT_NE(messages(l->diags).find("base layout set \"test\" not found"), std::string::npos)
      << messages(l->diags);
}

TEST(LayoutSetDerived, ACycleIsAnErrorAtTheAttributeThatClosesIt) {
  Library library;
  const std::string b = "<layout-set name=\"b\" base=\"a\">\n  <length name=\"x\" value=\"1pt\"/>\n</layout-set>\n";
  library.files["b"] = b;
  library.files["a"] = "<layout-set name=\"a\" base=\"b\"/>\n";
  auto l = load_derived("<layout-set name=\"a\" base=\"b\"/>\n", library);
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  const auto& d = l->diags.items()[0];
  EXPECT_EQ(d.message, "base layout set \"a\" makes a cycle: a → b → a");
  EXPECT_EQ(d.file->path(), "layouts/b/layout.xml");
  EXPECT_EQ(d.offset, b.find("\"a\"") + 1);
}

TEST(LayoutSetDerived, ASetThatIsItsOwnBaseIsACycle) {
  Library library;
  library.files["self"] = "<layout-set name=\"self\" base=\"self\"/>\n";
  auto l = load_derived("<layout-set name=\"self\" base=\"self\"/>\n", library);
  EXPECT_FALSE(l->set.has_value());
  EXPECT_NE(messages(l->diags).find("makes a cycle: self → self"), std::string::npos) << messages(l->diags);
}

TEST(LayoutSetDerived, ErrorsInTheBaseAreReportedInTheBase) {
  Library library;
  library.files["test"] = replace(kLayout, "size=\"16pt\"", "size=\"16\"");
  auto l = load_derived(kDerived, library);
  EXPECT_FALSE(l->set.has_value());
  ASSERT_EQ(l->diags.items().size(), 1u) << messages(l->diags);
  EXPECT_EQ(l->diags.items()[0].file->path(), "layouts/test/layout.xml");
}

}  // namespace
