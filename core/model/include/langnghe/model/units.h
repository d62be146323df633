#pragma once
// Administrative units: a tree of any depth (province → commune → residential group, or the
// older province → district → commune). Units replicate like any record ("un-<code>").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct Unit {
    std::string code, name, name_en, kind, parent;
    bool deleted = false;
};

struct UnitImportResult {
    std::size_t added = 0, updated = 0, unchanged = 0;
};

struct UnitImportOptions {
    // Prefixed to every code and parent code of the file ("2019" makes "00004" "2019.00004"), so
    // two releases of the unit list, whose codes collide, can coexist in one database.
    std::string code_namespace;
    // Renaming or moving a unit that holds records changes what those records say (feedback of
    // Phường Ba Đình shown as Phường Trúc Bạch): refused unless asked for.
    bool allow_renames = false;
};

// Reads CSV with the header `code,name,kind,parent_code` (name_en optional as a fifth column), a
// JSON array of {code, name, kind, parent_code[, name_en]}, or the vietnamese-provinces-database
// JSON (two-level 2025 or three-level older). Validates the whole file first; all or nothing. A
// change of name or parent to a unit holding records throws invalid_state naming the units
// (field "rename") unless options.allow_renames.
UnitImportResult import_units(Store& store, const Actor& actor, std::string_view file_text,
                              const UnitImportOptions& options = {});

std::vector<Unit> list_units(Store& store, const std::optional<std::string>& root = std::nullopt);
std::optional<Unit> find_unit(Store& store, const std::string& code);
// The chain from the root of the tree down to `code`.
std::vector<Unit> unit_path(Store& store, const std::string& code);
// Units whose name matches `name` ignoring case, tone marks and đ, with or without the kind word:
// "khanh hoa", "Khánh Hòa" and "Tỉnh Khánh Hoà" all find "Tỉnh Khánh Hoà". Releases of the unit
// list place tone marks differently ("Hòa" / "Hoà"), so byte equality is not enough. Sorted by code.
std::vector<Unit> find_units_by_name(Store& store, std::string_view name);
// Live units whose name (Vietnamese or English) contains every word of `query`, or whose code is
// `query`, ignoring case, tone marks and đ: what an officer types to find a unit's code ("ba dinh",
// "ngoc ha"). Sorted by code.
std::vector<Unit> search_units(Store& store, std::string_view query);
// Live residential groups (kind residential_group) at or below `under` (anywhere when absent) that
// `name` names: by code, or by name as find_units_by_name matches it ("to dan pho so 5" finds
// "Tổ dân phố số 5"). Wards number their groups alike, so several may match. Sorted by code.
std::vector<Unit> find_residential_groups(Store& store, std::string_view name,
                                          const std::optional<std::string>& under = std::nullopt);

}  // namespace langnghe
