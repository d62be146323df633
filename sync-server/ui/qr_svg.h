#pragma once
// A QR code as SVG (libqrencode makes the code; this draws its modules): what a phone scans to
// enroll, printable on a card.
#include <string>
#include <string_view>
#include <vector>

namespace langnghe::server {

// The modules of `text`'s QR code (error correction level M), row by row: true is dark.
std::vector<std::vector<bool>> qr_modules(std::string_view text);
// The code as an SVG document: one square per dark module, with the quiet zone of four modules a
// scanner needs, `module_px` pixels each. `title` is read by screen readers.
std::string qr_svg(std::string_view text, std::string_view title, int module_px = 6);

}  // namespace langnghe::server
