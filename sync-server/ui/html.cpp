#include "html.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "langnghe/base/text.h"

namespace langnghe::server::ui {

namespace {
void add_security_headers(WebReply& reply) {
    reply.headers.emplace_back("Content-Security-Policy",
                               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
    reply.headers.emplace_back("Referrer-Policy", "same-origin");
    reply.headers.emplace_back("X-Frame-Options", "DENY");
}

// Text colours are chosen for at least 4.5:1 on their backgrounds (the browser test measures them).
constexpr std::string_view css = R"css(
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.45}
header{background:#123d6a;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header a,header button{color:#fff}
header .site{font-weight:bold}
header form{display:inline;margin:0}
header button{background:none;border:1px solid #fff;border-radius:3px;padding:.2rem .6rem;cursor:pointer;font:inherit}
main{padding:1rem;max-width:1200px;margin:0 auto}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.box{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.25rem 0 1rem;min-width:20rem}
th,td{border:1px solid #9aa5b1;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#e8eef5}
form.login{max-width:24rem}
form.stacked label{display:block;margin:.8rem 0 .2rem;font-weight:600}
form.stacked input{width:100%;padding:.45rem;font:inherit;border:1px solid #5a6675;border-radius:3px}
form.stacked button,form.period button{margin-top:1rem;padding:.5rem 1.2rem;font:inherit;background:#123d6a;color:#fff;border:0;border-radius:3px;cursor:pointer}
form.period{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
form.period label{display:block;font-weight:600}
form.period input,form.period select{padding:.35rem;font:inherit}
.error{color:#8b0000;background:#fdecea;border:1px solid #8b0000;padding:.5rem .8rem;border-radius:3px}
.muted{color:#4a5561}
.notice{background:#e6f4ea;border:1px solid #1e6b34;color:#14482a;padding:.5rem .8rem;border-radius:3px}
form.inline{display:inline;margin:0}
form.inline button{font:inherit;padding:.15rem .5rem;cursor:pointer}
form.issue{max-width:24rem}
form.stacked select{width:100%;padding:.45rem;font:inherit}
code.wrap{word-break:break-all}
.qr svg{width:15rem;max-width:100%;height:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}
dd{margin:0}
.chart svg{max-width:100%;height:auto}
@media (max-width:700px){main{padding:.5rem}h1{font-size:1.25rem}}
)css";
}  // namespace

std::string esc(std::string_view text) { return xml_escape(text); }

std::string csrf_field(const std::string& token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
}

std::string render(const Frame& f) {
    std::string switch_to = f.lang == Lang::vi ? "en" : "vi";
    std::string here = f.here.empty() ? "/ui/" : f.here;
    here += (here.find('?') == std::string::npos ? "?" : "&") + std::string("lang=") + switch_to;
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(f.lang == Lang::vi ? "vi" : "en") + "\">\n<head>\n"
                      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>" + esc(f.title) + " — langnghe</title>\n<link rel=\"stylesheet\" href=\"/ui/style.css\">\n"
                      "</head>\n<body>\n<header>\n<span class=\"site\">" +
                      tr(f.lang, "Lắng nghe — Trạm Công an", "langnghe — Police station") + "</span>\n<nav>";
    out += "<a href=\"" + esc(here) + "\" lang=\"" + switch_to + "\">" + (f.lang == Lang::vi ? "English" : "Tiếng Việt") + "</a>";
    if (f.user) {
        out += " <a href=\"/ui/\">" + tr(f.lang, "Tổng quan", "Overview") + "</a> <a href=\"/ui/feedback\">" + tr(f.lang, "Ý kiến", "Feedback") +
               "</a> <a href=\"/ui/actions\">" + tr(f.lang, "Kế hoạch", "Actions") + "</a> <a href=\"/ui/forums\">" +
               tr(f.lang, "Hội nghị", "Forums") + "</a> <a href=\"/ui/ballots\">" + tr(f.lang, "Phiếu đánh giá", "Ballots") + "</a>";
        if (f.user->role == "admin")
            out += " <a href=\"/ui/devices\">" + tr(f.lang, "Thiết bị", "Devices") + "</a> <a href=\"/ui/audit\">" +
                   tr(f.lang, "Nhật ký truy cập", "Audit log") + "</a>";
        out += " <span>" + esc(f.user->name) + " (" + esc(f.user->unit) + ")</span> "
               "<form method=\"post\" action=\"/ui/logout\">" + csrf_field(f.user->csrf) + "<button type=\"submit\">" +
               tr(f.lang, "Đăng xuất", "Log out") + "</button></form>";
    }
    out += "</nav>\n</header>\n<main>\n" + f.body + "\n</main>\n</body>\n</html>\n";
    return out;
}

WebReply page_reply(int status, std::string html) {
    WebReply reply;
    reply.status = status;
    reply.body = std::move(html);
    add_security_headers(reply);
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
}

WebReply redirect_reply(const std::string& location) {
    WebReply reply;
    reply.status = 303;
    reply.headers.emplace_back("Location", location);
    add_security_headers(reply);
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
}

WebReply stylesheet_reply() {
    WebReply reply;
    reply.content_type = "text/css; charset=utf-8";
    reply.body = std::string(css);
    add_security_headers(reply);
    reply.headers.emplace_back("Cache-Control", "max-age=3600");
    return reply;
}

WebReply message_page(int status, Lang lang, std::string_view heading_vi, std::string_view heading_en,
                      const std::string& message, const std::optional<SignedIn>& user) {
    Frame f;
    f.lang = lang;
    f.title = tr(lang, heading_vi, heading_en);
    f.body = "<h1>" + esc(f.title) + "</h1>\n<p class=\"error\" role=\"alert\">" + esc(message) + "</p>\n<p><a href=\"/ui/\">" +
             tr(lang, "Về trang chính", "Back to the overview") + "</a></p>";
    f.user = user;
    return page_reply(status, render(f));
}

WebReply printable_reply(std::string html) {
    // The document's own <style> blocks, allowed by their hashes and nothing else: no script, no
    // outside resource.
    std::string styles;
    for (std::size_t at = html.find("<style>"); at != std::string::npos; at = html.find("<style>", at)) {
        std::size_t from = at + 7, end = html.find("</style>", from);
        if (end == std::string::npos) break;
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(reinterpret_cast<const unsigned char*>(html.data() + from), end - from, digest);
        unsigned char encoded[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
        EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
        styles += " 'sha256-" + std::string(reinterpret_cast<const char*>(encoded)) + "'";
        at = end;
    }
    WebReply reply;
    reply.body = std::move(html);
    reply.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src" + (styles.empty() ? std::string(" 'none'") : styles) +
                                                              "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
    reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
    reply.headers.emplace_back("Referrer-Policy", "same-origin");
    reply.headers.emplace_back("X-Frame-Options", "DENY");
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
}

}  // namespace langnghe::server::ui
