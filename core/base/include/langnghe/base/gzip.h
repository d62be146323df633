#pragma once
// gzip (RFC 1952) over zlib, for sync request bodies: records compress about fivefold, which matters
// on a phone's metered mobile data. The device decompresses answers through libcurl; the station inflates
// request bodies as they stream in, bounded (sync-server/request_body.cpp).
#include <string>
#include <string_view>

namespace langnghe {

std::string gzip_compress(std::string_view data);

}  // namespace langnghe
