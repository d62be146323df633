#pragma once
// What the unit report's renderings (report_json/csv/text/svg.cpp) share: the labels of the
// report's own terms, and the order and names its tables use.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/base/lang.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/report.h"

namespace langnghe::report_detail {

// The label of one of the report's terms ("feedback_total") in `lang`; the key itself if unknown.
std::string_view term(std::string_view key, Lang lang);

// For files programs read (CSV): the dot, whatever the language.
std::string fixed(double value, int decimals);

// "Tháng 11/2026" in Vietnamese, "2026-11" in English.
std::string month_label(const std::string& month, Lang lang);

std::string unit_display_name(const UnitReport& r, Lang lang);
std::string child_display_name(const UnitHeadline& h, Lang lang);

// Every "YYYY-MM" from the month of `from` to the month of `to` (ISO dates), in order.
std::vector<std::string> months_between(const std::string& from, const std::string& to);

std::size_t count_of(const std::map<std::string, std::size_t>& counts, std::string_view code);

// Codes of a vocabulary first, in its order, then any code outside it (from a newer replica). With
// `only_present`, the vocabulary's codes absent from `values` are left out.
template <class Value>
std::vector<std::string> ordered_codes(std::span<const Label> vocabulary, const std::map<std::string, Value>& values,
                                       bool only_present = false) {
    std::vector<std::string> out;
    for (const auto& l : vocabulary)
        if (!only_present || values.contains(std::string(l.code))) out.emplace_back(l.code);
    for (const auto& entry : values)
        if (!find_label(vocabulary, entry.first)) out.push_back(entry.first);
    return out;
}

}  // namespace langnghe::report_detail
