#include "langnghe/outputs/minutes.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/base/text.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/minutes_layout.h"

namespace langnghe {

using nlohmann::json;

namespace {
// The words of the minutes in one language.
struct Words {
    Lang lang;
    std::string_view t(std::string_view vi, std::string_view en) const { return lang == Lang::vi ? vi : en; }
};

// A plain representation every format is written from: headed sections of lines or rows.
struct Section {
    std::string title;
    std::vector<std::vector<std::string>> rows;  // first row is the header when `table`
    bool table = false;
};

std::vector<Section> sections(const ForumMinutes& m, Words w) {
    std::vector<Section> out;
    const Forum& f = m.forum;
    out.push_back(
        {std::string(w.t("Thông tin hội nghị", "The forum")),
         {{std::string(w.t("Đơn vị", "Unit")), m.unit_name + " (" + f.unit + ")"},
          {std::string(w.t("Ngày", "Date")), format_date(f.date, w.lang)},
          {std::string(w.t("Thời gian", "Time")), time_span(f.start_time, f.end_time, w.lang)},
          {std::string(w.t("Địa điểm", "Venue")), f.venue},
          {std::string(w.t("Chủ trì", "Chair")), f.chair},
          {std::string(w.t("Thư ký", "Secretary")), f.secretary},
          {std::string(w.t("Số người dự", "Attendees")), std::to_string(f.attendee_count)},
          {std::string(w.t("Thành phần", "Attendee groups")), groups_present(f, w.lang)},
          {std::string(w.t("Trạng thái", "Status")), std::string(label_of(forum_statuses(), f.status, w.lang))}},
         false});
    Section raised{std::string(w.t("Ý kiến, kiến nghị của Nhân dân", "What residents raised")),
                   {{std::string(w.t("Lĩnh vực", "Category")), std::string(w.t("Số ý kiến", "Items"))}},
                   true};
    for (const auto& [category, n] : m.by_category)
        raised.rows.push_back({std::string(label_of(categories(), category, w.lang)), std::to_string(n)});
    out.push_back(raised);
    Section kinds{std::string(w.t("Theo loại ý kiến", "By kind")),
                  {{std::string(w.t("Loại", "Kind")), std::string(w.t("Số ý kiến", "Items"))}},
                  true};
    for (const auto& [kind, n] : m.by_kind) kinds.rows.push_back({std::string(label_of(feedback_kinds(), kind, w.lang)), std::to_string(n)});
    out.push_back(kinds);
    Section items{std::string(w.t("Nội dung từng ý kiến", "Each item")),
                  {{std::string(w.t("Mã biên nhận", "Receipt")), std::string(w.t("Loại", "Kind")),
                    std::string(w.t("Lĩnh vực", "Category")), std::string(w.t("Nội dung", "What was said"))}},
                  true};
    for (const auto& fb : m.raised)
        items.rows.push_back({fb.code, std::string(label_of(feedback_kinds(), fb.kind, w.lang)),
                              std::string(label_of(categories(), fb.category, w.lang)), fb.text});
    out.push_back(items);
    Section answered{std::string(w.t("Giải đáp tại hội nghị", "Answered on the spot")),
                     {{std::string(w.t("Mã biên nhận", "Receipt")), std::string(w.t("Ý kiến", "Item")),
                       std::string(w.t("Trả lời", "Answer"))}},
                     true};
    for (const auto& fb : m.answered) answered.rows.push_back({fb.code, fb.text, fb.answer});
    out.push_back(answered);
    Section actions{std::string(w.t("Kế hoạch khắc phục", "Remediation actions")),
                    {{std::string(w.t("Nội dung", "Action")), std::string(w.t("Người chịu trách nhiệm", "Owner")),
                      std::string(w.t("Hạn hoàn thành", "Due")), std::string(w.t("Trạng thái", "Status"))}},
                    true};
    for (const auto& a : m.actions)
        actions.rows.push_back({a.description, a.owner, format_date(a.due, w.lang),
                                std::string(label_of(action_statuses(), a.status, w.lang))});
    out.push_back(actions);
    Section ballots{std::string(w.t("Kết quả phiếu đánh giá sự hài lòng", "Satisfaction ballots")),
                    {{std::string(w.t("Tiêu chí", "Criterion")), std::string(w.t("Điểm trung bình (1–5)", "Mean score (1–5)"))}},
                    true};
    for (const auto& c : ballot_criteria()) {
        auto it = m.ballots.mean.find(std::string(c.code));
        std::string mean = it == m.ballots.mean.end() ? "–" : decimal_text(it->second, 1, w.lang);
        ballots.rows.push_back({std::string(c.text(w.lang)), mean});
    }
    std::string share = m.ballots.count ? percent_text(static_cast<double>(m.ballots.satisfied) /
                                                       static_cast<double>(m.ballots.count), w.lang)
                                        : "–";
    ballots.rows.push_back({std::string(w.t("Số phiếu", "Ballots")), std::to_string(m.ballots.count)});
    ballots.rows.push_back({std::string(w.t("Tỷ lệ hài lòng (đánh giá chung ≥ 4)", "Satisfied (overall ≥ 4)")), share});
    out.push_back(ballots);
    return out;
}

std::string title_of(const ForumMinutes& m, Words w) {
    return std::string(w.t("BIÊN BẢN HỘI NGHỊ: ", "FORUM MINUTES: ")) + m.forum.title;
}

std::string place_of(const ForumMinutes& m, Words w) {
    return place_date_line(w.lang == Lang::en && !m.unit_name_en.empty() ? m.unit_name_en : m.unit_name, m.forum.date,
                           w.lang);
}

std::string signatures_markdown(const ForumMinutes& m, Words w) {
    SignatureBlock chair = chair_signature(m.forum, w.lang), secretary = secretary_signature(m.forum, w.lang);
    return "\n| **" + chair.role + "** | **" + secretary.role + "** |\n|:---:|:---:|\n| " + chair.hint + " | " +
           secretary.hint + " |\n| <br><br><br> | <br><br><br> |\n| " + chair.name + " | " + secretary.name + " |\n";
}

std::string render_text(const std::vector<ForumMinutes>& all, Words w, bool markdown) {
    std::string out;
    for (const auto& m : all) {
        out += markdown ? "# " + title_of(m, w) + "\n\n*" + place_of(m, w) + "*\n"
                        : title_of(m, w) + "\n" + std::string(60, '=') + "\n" + place_of(m, w) + "\n";
        for (const auto& s : sections(m, w)) {
            out += markdown ? "\n## " + s.title + "\n\n" : "\n" + s.title + "\n" + std::string(40, '-') + "\n";
            for (std::size_t i = 0; i < s.rows.size(); ++i) {
                const auto& row = s.rows[i];
                if (markdown && s.table) {
                    std::string line = "|";
                    for (const auto& cell : row) line += " " + cell + " |";
                    out += line + "\n";
                    if (i == 0) {
                        out += "|";
                        for (std::size_t c = 0; c < row.size(); ++c) out += "---|";
                        out += "\n";
                    }
                } else if (markdown) {
                    out += "- **" + row[0] + "**: " + row[1] + "\n";
                } else {
                    std::string line;
                    for (const auto& cell : row) line += (line.empty() ? "" : " · ") + cell;
                    out += line + "\n";
                }
            }
        }
        out += markdown
                   ? signatures_markdown(m, w)
                   : "\n" + signatures_text(chair_signature(m.forum, w.lang), secretary_signature(m.forum, w.lang));
        out += "\n";
    }
    return out;
}

std::string render_html(const std::vector<ForumMinutes>& all) {
    Words w{Lang::vi};
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\" />\n<title>Biên bản hội nghị</title>\n"
        "<style>\nbody { font-family: \"Times New Roman\", \"Noto Serif\", serif; margin: 2cm; }\n"
        "section.forum { page-break-after: always; break-after: page; }\n"
        "table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }\n"
        "th, td { border: 1px solid #444; padding: 4px 6px; text-align: left; vertical-align: top; }\n"
        "h1 { font-size: 16pt; text-align: center; } h2 { font-size: 13pt; }\n"
        "p.place { text-align: right; font-style: italic; }\n"
        "table.signatures td { border: none; text-align: center; width: 50%; padding-bottom: 5em; }\n"
        "table.signatures tr:last-child td { padding-bottom: 4px; }\n"
        "@page { size: A4; margin: 2cm; }\n</style>\n</head>\n<body>\n";
    for (const auto& m : all) {
        out += "<section class=\"forum\">\n<p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br />Độc lập – Tự do – Hạnh phúc</p>\n";
        out += "<p class=\"place\">" + xml_escape(place_of(m, w)) + "</p>\n";
        out += "<h1>" + xml_escape(title_of(m, w)) + "</h1>\n";
        for (const auto& s : sections(m, w)) {
            out += "<h2>" + xml_escape(s.title) + "</h2>\n<table>\n";
            for (std::size_t i = 0; i < s.rows.size(); ++i) {
                bool head = s.table && i == 0;
                out += "<tr>";
                for (std::size_t c = 0; c < s.rows[i].size(); ++c) {
                    bool th = head || (!s.table && c == 0);
                    out += (th ? "<th>" : "<td>") + xml_escape(s.rows[i][c]) + (th ? "</th>" : "</td>");
                }
                out += "</tr>\n";
            }
            out += "</table>\n";
        }
        SignatureBlock chair = chair_signature(m.forum, w.lang), secretary = secretary_signature(m.forum, w.lang);
        out += "<table class=\"signatures\">\n<tr><td><strong>" + xml_escape(chair.role) + "</strong><br /><em>" +
               xml_escape(chair.hint) + "</em></td><td><strong>" + xml_escape(secretary.role) + "</strong><br /><em>" +
               xml_escape(secretary.hint) + "</em></td></tr>\n<tr><td>" + xml_escape(chair.name) + "</td><td>" +
               xml_escape(secretary.name) + "</td></tr>\n</table>\n";
        out += "</section>\n";
    }
    return out + "</body>\n</html>\n";
}

std::string render_json(const std::vector<ForumMinutes>& all) {
    json out = json::array();
    for (const auto& m : all) {
        json raised = json::array(), answered = json::array(), actions = json::array();
        for (const auto& f : m.raised)
            raised.push_back({{"id", f.id}, {"code", f.code}, {"kind", f.kind}, {"category", f.category}, {"text", f.text},
                              {"status", f.status}});
        for (const auto& f : m.answered) answered.push_back({{"id", f.id}, {"answer", f.answer}});
        for (const auto& a : m.actions)
            actions.push_back({{"id", a.id}, {"description", a.description}, {"owner", a.owner}, {"due", a.due},
                               {"status", a.status}});
        out.push_back(
            {{"forum",
              {{"id", m.forum.id},
               {"unit", m.forum.unit},
               {"unit_name", m.unit_name},
               {"title", m.forum.title},
               {"date", m.forum.date},
               {"venue", m.forum.venue},
               {"chair", m.forum.chair},
               {"secretary", m.forum.secretary},
               {"start_time", m.forum.start_time},
               {"end_time", m.forum.end_time},
               {"attendee_count", m.forum.attendee_count},
               {"groups", in_vocabulary_order(attendee_groups(), m.forum.groups)},
               {"group_attendees", m.forum.group_attendees},
               {"status", m.forum.status}}},
             {"place_date", {{"vi", place_of(m, Words{Lang::vi})}, {"en", place_of(m, Words{Lang::en})}}},
             {"by_category", m.by_category},
             {"by_kind", m.by_kind},
             {"raised", raised},
             {"answered", answered},
             {"actions", actions},
             {"ballots", {{"count", m.ballots.count}, {"satisfied", m.ballots.satisfied}, {"mean", m.ballots.mean}}}});
    }
    return out.dump(2) + "\n";
}
}  // namespace

BallotSummary summarise_ballots(const std::vector<Ballot>& ballots) {
    BallotSummary s;
    std::map<std::string, int> totals;
    for (const auto& b : ballots) {
        if (b.voided) continue;
        ++s.count;
        if (b.is_satisfied()) ++s.satisfied;
        for (const auto& [criterion, score] : b.scores) totals[criterion] += score;
    }
    for (const auto& [criterion, total] : totals) s.mean[criterion] = static_cast<double>(total) / static_cast<double>(s.count);
    return s;
}

bool answered_on_the_day(Store& store, const Feedback& feedback, const std::string& forum_date) {
    if (!feedback.is_answered()) return false;
    // The day of the latest answer: its status event's `at`, which an answer typed up later
    // dates when it was given.
    std::string day;
    for (const auto& event : status_history(store, feedback.id))
        if (event.to == "answered") day = event.at.substr(0, 10);
    return day == forum_date;
}

ForumMinutes forum_minutes(Store& store, const std::string& forum_id) {
    ForumMinutes m;
    m.forum = get_forum(store, forum_id);
    auto unit = find_unit(store, m.forum.unit);
    m.unit_name = unit ? unit->name : m.forum.unit;
    m.unit_name_en = unit ? unit->name_en : "";
    FeedbackFilter filter;
    filter.forum = forum_id;
    m.raised = list_feedback(store, filter);
    std::set<std::string> ids;
    for (const auto& f : m.raised) {
        ++m.by_category[f.category];
        ++m.by_kind[f.kind];
        ids.insert(f.id);
        if (answered_on_the_day(store, f, m.forum.date)) m.answered.push_back(f);
    }
    ActionFilter actions;
    actions.unit = m.forum.unit;
    for (auto& a : list_actions(store, actions)) {
        bool addresses = false;
        for (const auto& id : a.feedback) addresses = addresses || ids.contains(id);
        if (addresses) m.actions.push_back(std::move(a));
    }
    BallotFilter ballots;
    ballots.forum = forum_id;
    m.ballots = summarise_ballots(list_ballots(store, ballots));
    return m;
}

MinutesFormat parse_minutes_format(const std::string& name) {
    if (name == "text") return MinutesFormat::text;
    if (name == "md") return MinutesFormat::md;
    if (name == "html") return MinutesFormat::html;
    if (name == "json") return MinutesFormat::json;
    throw_invalid("format", "format: '" + name + "' is not text, md, html or json",
                  "format: '" + name + "' không phải text, md, html hoặc json");
}

std::string render_minutes(const std::vector<ForumMinutes>& minutes, MinutesFormat format, Lang lang) {
    switch (format) {
        case MinutesFormat::text: return render_text(minutes, Words{lang}, false);
        case MinutesFormat::md: return render_text(minutes, Words{lang}, true);
        case MinutesFormat::html: return render_html(minutes);
        case MinutesFormat::json: return render_json(minutes);
    }
    return {};
}

}  // namespace langnghe
