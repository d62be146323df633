#include "langnghe/base/error.h"

namespace langnghe {

namespace {
struct CodeText {
    std::string_view name, vi, en;
};

CodeText text_of(ErrorCode code) {
    switch (code) {
    case ErrorCode::invalid_input: return {"invalid_input", "Dữ liệu không hợp lệ", "Invalid input"};
    case ErrorCode::not_found: return {"not_found", "Không tìm thấy", "Not found"};
    case ErrorCode::already_exists: return {"already_exists", "Đã tồn tại", "Already exists"};
    case ErrorCode::invalid_state: return {"invalid_state", "Trạng thái không cho phép", "Not allowed in this state"};
    case ErrorCode::storage: return {"storage", "Lỗi cơ sở dữ liệu", "Database error"};
    case ErrorCode::io: return {"io", "Lỗi đọc/ghi tệp", "File error"};
    case ErrorCode::network: return {"network", "Lỗi kết nối mạng", "Network error"};
    case ErrorCode::unauthorized: return {"unauthorized", "Thiết bị chưa được cấp quyền", "Device not authorized"};
    case ErrorCode::forbidden: return {"forbidden", "Ngoài phạm vi được phép", "Outside permitted scope"};
    case ErrorCode::incompatible: return {"incompatible", "Phiên bản không tương thích", "Incompatible version"};
    case ErrorCode::clock_skew: return {"clock_skew", "Đồng hồ thiết bị bị lệch", "Device clock is off"};
    case ErrorCode::too_large: return {"too_large", "Dữ liệu quá lớn", "Too large"};
    case ErrorCode::too_many_requests: return {"too_many_requests", "Quá nhiều yêu cầu", "Too many requests"};
    case ErrorCode::unsupported_media_type:
        return {"unsupported_media_type", "Định dạng dữ liệu không được hỗ trợ", "Unsupported media type"};
    case ErrorCode::internal: return {"internal", "Lỗi nội bộ", "Internal error"};
    }
    return {"internal", "Lỗi nội bộ", "Internal error"};
}
}  // namespace

std::string_view error_code_name(ErrorCode code) { return text_of(code).name; }

std::string_view error_code_title(ErrorCode code, Lang lang) {
    auto t = text_of(code);
    return lang == Lang::vi ? t.vi : t.en;
}

Error::Error(ErrorCode code, std::string message, std::string field, std::vector<std::string> details)
    : std::runtime_error(std::move(message)), m_code(code), m_field(std::move(field)), m_details(std::move(details)) {}

void throw_invalid(std::string field, std::string message) {
    throw Error(ErrorCode::invalid_input, std::move(message), std::move(field));
}

void throw_invalid(std::string field, std::string message, std::string message_vi) {
    throw Error(ErrorCode::invalid_input, std::move(message), std::move(field)).vi(std::move(message_vi));
}

}  // namespace langnghe
