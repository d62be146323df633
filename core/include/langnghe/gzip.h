#pragma once
// gzip (RFC 1952) over zlib, for sync request bodies: records compress about fivefold, which matters
// on a phone's metered mobile data. Responses are decompressed by libcurl and cpp-httplib themselves.
#include <string>
#include <string_view>

namespace langnghe {

std::string gzip_compress(std::string_view data);

}  // namespace langnghe
