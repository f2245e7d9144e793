// Writes a packet of long landscape tables (tests/tools/long_table.h):
//   long_table SEED [TABLES [ROWS]] > packet.xml
#include <cstdlib>
#include <iostream>
#include <string>

#include "long_table.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: long_table SEED [TABLES [ROWS]]\n";
    return 2;
  }
  char* end = nullptr;
  const unsigned long long seed = std::strtoull(argv[1], &end, 10);
  const int tables = argc > 2 ? std::atoi(argv[2]) : 2;
  const int rows = argc > 3 ? std::atoi(argv[3]) : 40;
  if (*end != '\0' || tables < 1 || rows < 1) {
    std::cerr << "long_table: SEED, TABLES and ROWS are positive whole numbers\n";
    return 2;
  }
  std::cout << shiryo::testing::make_long_table_packet(seed, tables, rows).xml;
  return 0;
}
