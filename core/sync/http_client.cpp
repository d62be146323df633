#include "langnghe/sync/http_client.h"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

#include "langnghe/base/error.h"
#include "langnghe/base/gzip.h"
#include "langnghe/sync/sync_protocol.h"

namespace langnghe {

namespace {
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t collect_body(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
    std::string_view line(data, size * count);
    std::string_view name = server_time_header;
    if (line.size() > name.size() + 1 && line[name.size()] == ':') {
        bool same = true;
        for (std::size_t i = 0; i < name.size(); ++i)
            same = same && std::tolower(static_cast<unsigned char>(line[i])) == std::tolower(static_cast<unsigned char>(name[i]));
        if (same) {
            std::int64_t value = 0;
            for (char c : line.substr(name.size() + 1))
                if (c >= '0' && c <= '9') value = value * 10 + (c - '0');
            *static_cast<std::int64_t*>(out) = value;
        }
    }
    return size * count;
}

struct HeaderList {
    curl_slist* list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
};
}  // namespace

HttpClient::HttpClient(std::string base_url, std::string cacert, long timeout_seconds)
    : m_base(std::move(base_url)), m_cacert(std::move(cacert)), m_timeout(timeout_seconds) {
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    if (m_base.rfind("http://", 0) != 0 && m_base.rfind("https://", 0) != 0)
        throw_invalid("server", "server: '" + m_base + "' must start with http:// or https://",
                      "server: '" + m_base + "' phải bắt đầu bằng http:// hoặc https://");
    global_init();
    m_curl = curl_easy_init();
    if (!m_curl) throw Error(ErrorCode::internal, "curl_easy_init failed");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(m_curl)); }

HttpResponse HttpClient::send(const HttpRequest& request) {
    return perform(request.path, request.method == "GET" ? nullptr : &request.body, request.bearer_token);
}

HttpResponse HttpClient::get(const std::string& path) { return perform(path, nullptr, {}); }

HttpResponse HttpClient::post_json(const std::string& path, const std::string& body, const std::string& bearer_token) {
    return perform(path, &body, bearer_token);
}

HttpResponse HttpClient::perform(const std::string& path, const std::string* body, const std::string& bearer_token) {
    CURL* curl = static_cast<CURL*>(m_curl);
    curl_easy_reset(curl);
    HttpResponse response;
    HeaderList headers;
    headers.add("Accept: application/json");
    if (!bearer_token.empty()) headers.add("Authorization: Bearer " + bearer_token);
    std::string url = m_base + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // The station lists the version each device last synced with (its dashboard's device page).
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "langnghe/" LANGNGHE_VERSION);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, m_timeout);
    // gzip only: offering brotli as well invites the slowest compression a server may choose.
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.server_time);
    if (!m_cacert.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, m_cacert.c_str());
    std::string compressed;
    if (body) {
        headers.add("Content-Type: application/json");
        if (body->size() >= min_gzip_body_bytes) {
            compressed = gzip_compress(*body);
            headers.add("Content-Encoding: gzip");
            body = &compressed;
        }
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        throw Error(ErrorCode::network, "cannot reach " + url + ": " + curl_easy_strerror(rc), "server")
            .vi("không kết nối được " + url + ": " + curl_easy_strerror(rc));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    long request_header_bytes = 0, response_header_bytes = 0;
    curl_off_t response_body_bytes = 0;  // as it came over the wire, before gzip was undone
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_header_bytes);
    curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &response_header_bytes);
    curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &response_body_bytes);
    m_bytes_sent += static_cast<std::uint64_t>(request_header_bytes) + (body ? body->size() : 0);
    m_bytes_received += static_cast<std::uint64_t>(response_header_bytes + response_body_bytes);
    return response;
}

}  // namespace langnghe
