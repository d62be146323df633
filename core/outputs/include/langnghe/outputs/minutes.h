#pragma once
// Forum minutes (biên bản hội nghị): who attended, what was raised by category and kind, what was
// answered on the spot, what became an action with owner and deadline, the ballot results. Built
// from the replicated records, so any device holding the forum's unit can print them offline.
// Residents' names and phones are never in the minutes: they are read out and posted.
#include <map>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"

namespace langnghe {

struct BallotSummary {
    std::size_t count = 0;
    std::size_t satisfied = 0;                // overall score 4 or 5
    std::map<std::string, double> mean;       // criterion → mean score, over non-voided ballots
};

struct ForumMinutes {
    Forum forum;
    std::string unit_name, unit_name_en;      // the place of the place-and-date line
    std::vector<Feedback> raised;             // everything recorded at the forum, in order
    std::map<std::string, std::size_t> by_category, by_kind;
    // Answered on the spot: an answer given (status answered, planned or resolved) dated the
    // forum's day; one answered on a later day is not in this list.
    std::vector<Feedback> answered;
    std::vector<Action> actions;              // addressing the forum's feedback
    BallotSummary ballots;
};

BallotSummary summarise_ballots(const std::vector<Ballot>& ballots);
// Answered on the spot: the feedback is answered (Feedback::is_answered) and its latest answer's
// status event is dated `forum_date` (an answer typed up later is dated when it was given).
bool answered_on_the_day(Store& store, const Feedback& feedback, const std::string& forum_date);
ForumMinutes forum_minutes(Store& store, const std::string& forum_id);

enum class MinutesFormat { text, md, html, json };
MinutesFormat parse_minutes_format(const std::string& name);
// A biên bản: the place-and-date line, the time, chair and secretary, those present in the
// customary order, and at the end the chair's and the secretary's signature blocks side by side.
// Text and Markdown in `lang`; HTML is the printable document, one forum per page, with Vietnamese
// labels whatever `lang` (it is filed and posted); JSON has codes, not labels.
std::string render_minutes(const std::vector<ForumMinutes>& minutes, MinutesFormat format, Lang lang);

}  // namespace langnghe
