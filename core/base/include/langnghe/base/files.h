#pragma once
// Files a user names on a command line: unit lists to import, change files on a USB stick, QR codes.
#include <string>
#include <string_view>

namespace langnghe {

// The whole file; throws not_found or io naming the path.
std::string read_file(const std::string& path);
// Writes through a temporary file in the same directory, fsyncs it and renames it into place, so
// a stick pulled out mid-write leaves either the old file or the whole new one, never half.
void write_file_durably(const std::string& path, std::string_view content);

}  // namespace langnghe
