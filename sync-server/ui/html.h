#pragma once
// The page frame every dashboard page shares (head, the language switch, the signed-in line with its
// logout form, the stylesheet) and the headers every answer carries. Everything that comes from data
// goes through esc(); nothing from a request is written into a page unescaped.
#include <optional>
#include <string>
#include <string_view>

#include "langnghe/base/error.h"
#include "web_handler.h"

namespace langnghe::server::ui {

inline std::string tr(Lang lang, std::string_view vi, std::string_view en) { return std::string(lang == Lang::vi ? vi : en); }
std::string esc(std::string_view text);

// The signed-in user, for the header line and its logout form.
struct SignedIn {
    std::string name, unit, csrf;
    std::string role;  // supervisor | unit_head | admin: which pages the navigation offers
};

struct Frame {
    Lang lang = Lang::vi;
    std::string title;     // <title>; the page's own <h1> is in `body`
    std::string body;      // the <main> content
    std::string here;      // this page's path and query, for the language switch
    std::optional<SignedIn> user;
};

// A whole HTML document.
std::string render(const Frame& frame);
// A hidden `csrf` field: every form of a signed-in page carries one.
std::string csrf_field(const std::string& token);

// An HTML answer with the security headers (docs/dashboard.md): CSP, nosniff, same-origin referrer,
// no framing, no caching of pages with data.
WebReply page_reply(int status, std::string html);
WebReply redirect_reply(const std::string& location);
// A standalone printable document (forum minutes): the headers of page_reply, but a policy that
// allows the document's own <style> blocks by hash, and nothing else.
WebReply printable_reply(std::string html);
// The one stylesheet (CSP allows styles from 'self' only).
WebReply stylesheet_reply();

// A short page for a refusal or an error: a heading and a sentence.
WebReply message_page(int status, Lang lang, std::string_view heading_vi, std::string_view heading_en,
                      const std::string& message, const std::optional<SignedIn>& user = std::nullopt);

}  // namespace langnghe::server::ui
