#pragma once
// Feedback exported for people outside the system (a spreadsheet for the ward, a file for the
// province). Residents' names and phone numbers stay out unless the caller asks for them: an
// export leaves the device and nobody controls where it goes after.
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"

namespace langnghe {

enum class ExportFormat { csv, json };
ExportFormat parse_export_format(const std::string& name);

// CSV is UTF-8 with a BOM (spreadsheets then read Vietnamese correctly), one row per item, codes
// and their labels in `lang`. JSON is an array of objects with codes.
std::string export_feedback(const std::vector<Feedback>& items, ExportFormat format, bool include_pii, Lang lang);

}  // namespace langnghe
