#include "qr_svg.h"

#include <memory>

#include <qrencode.h>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"

namespace langnghe::server {

namespace {
constexpr int quiet_zone = 4;
}  // namespace

std::vector<std::vector<bool>> qr_modules(std::string_view text) {
    std::string data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M),
                                                         &QRcode_free);
    if (!code)
        throw Error(ErrorCode::invalid_input, "cannot make a QR code of " + std::to_string(text.size()) + " bytes", "qr")
            .vi("không tạo được mã QR cho " + std::to_string(text.size()) + " byte");
    std::vector<std::vector<bool>> rows(static_cast<std::size_t>(code->width));
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            rows[static_cast<std::size_t>(y)].push_back((code->data[y * code->width + x] & 1) != 0);
    return rows;
}

std::string qr_svg(std::string_view text, std::string_view title, int module_px) {
    auto modules = qr_modules(text);
    int side = static_cast<int>(modules.size()) + 2 * quiet_zone;
    std::string size = std::to_string(side * module_px), box = std::to_string(side);
    std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      size + "\" height=\"" + size + "\" viewBox=\"0 0 " + box + " " + box +
                      "\" shape-rendering=\"crispEdges\" role=\"img\">\n<title>" + xml_escape(title) +
                      "</title>\n<rect width=\"" + box + "\" height=\"" + box + "\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"";
    for (std::size_t y = 0; y < modules.size(); ++y)
        for (std::size_t x = 0; x < modules[y].size(); ++x)
            if (modules[y][x])
                svg += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) + "h1v1h-1z";
    svg += "\"/>\n</svg>\n";
    return svg;
}

}  // namespace langnghe::server
