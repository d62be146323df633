#include "generator_phrases.h"

// Sentences are written from what residents raise in the seed articles (shared/seeds): thái độ,
// tác phong khi tiếp dân; có mặt kịp thời; cư trú, định danh điện tử; xử lý vi phạm cứng nhắc; ùn
// tắc cổng trường, xe tự chế quá khổ quá tải, xung đột ở ngã ba ngã tư; trộm cắp tài sản; gây rối
// trật tự công cộng; ma túy; tín dụng đen; karaoke; ô nhiễm môi trường; lòng đường hè phố; phòng
// cháy chữa cháy; bổ sung quân số, tăng cường tuần tra.

namespace langnghe::phrases {

namespace {
// Weights follow what the articles say comes up most: traffic and theft first, then conduct and
// paperwork.
constexpr Weighted category_weight_list[] = {
    {"traffic", 14},     {"theft", 12},   {"conduct", 10},    {"procedures", 10},    {"urban_order", 9},
    {"public_order", 7}, {"business", 6}, {"staffing", 6},    {"responsiveness", 5}, {"environment", 5},
    {"loan_sharks", 4},  {"drugs", 4},    {"fire_safety", 4}, {"enforcement", 4},    {"other", 3},
};

constexpr FeedbackTemplate template_list[] = {
    {"conduct", "praise",
     "Cảnh sát khu vực {officer} luôn tận tình hướng dẫn bà con, thái độ ứng xử văn minh, sát dân, gần dân."},
    {"conduct", "praise",
     "Tôi ghi nhận tinh thần trách nhiệm, tận tụy của đồng chí {officer} khi giải quyết việc của gia đình tôi."},
    {"conduct", "praise", "Cán bộ công an tiếp dân niềm nở, tác phong chuẩn mực, người dân rất hài lòng."},
    {"conduct", "criticism",
     "Khi tiếp xúc với dân, một số cán bộ còn thiếu cởi mở, chưa nhiệt tình, để nhân dân phải đi lại nhiều lần."},
    {"conduct", "criticism",
     "Thái độ của cán bộ trực ban tối {weekday} chưa đúng mực, nói trống không với người dân đến trình báo."},
    {"conduct", "criticism",
     "Đề nghị chấn chỉnh tác phong của đồng chí {officer}: dùng điện thoại riêng trong giờ tiếp dân, trả lời qua loa."},
    {"conduct", "suggestion",
     "Đề nghị cán bộ, chiến sĩ tăng cường xuống cơ sở, sát dân, gần dân hơn nữa; ứng xử văn minh, tránh gây phiền hà."},
    {"responsiveness", "criticism",
     "Khi xảy ra vụ việc tại {place} tối {weekday}, người dân gọi điện nhưng công an chưa có mặt kịp thời, gần 40 phút "
     "sau mới đến."},
    {"responsiveness", "criticism",
     "Gọi số trực ban của công an nhiều lần vào ban đêm không có người nghe máy, bà con không biết báo tin cho ai."},
    {"responsiveness", "praise",
     "Tối {weekday} nhà tôi có việc, gọi điện báo thì chỉ mười phút sau cảnh sát khu vực {officer} đã có mặt, xử lý "
     "kịp thời."},
    {"responsiveness", "request",
     "Đề nghị công khai số điện thoại của cảnh sát khu vực phụ trách {group} để bà con liên hệ kịp thời khi có việc."},
    {"procedures", "question",
     "Cho tôi hỏi thủ tục đăng ký thường trú cho con mới sinh cần những giấy tờ gì, có làm trực tuyến được không?"},
    {"procedures", "question",
     "Tài khoản định danh điện tử mức 2 của tôi bị khóa, xin hỏi phải làm thế nào để mở lại?"},
    {"procedures", "question",
     "Người thuê trọ ở {group} phải khai báo tạm trú trong bao lâu, chủ nhà có được khai báo thay không?"},
    {"procedures", "criticism",
     "Làm thủ tục xác nhận thông tin cư trú phải đi lại nhiều lần, mỗi lần cán bộ lại yêu cầu bổ sung một loại giấy tờ "
     "khác."},
    {"procedures", "suggestion",
     "Đề nghị bố trí điểm hỗ trợ đăng ký, kích hoạt tài khoản định danh điện tử tại nhà văn hóa {group} cho người cao "
     "tuổi."},
    {"procedures", "praise",
     "Thủ tục hành chính về cư trú được công khai, giải quyết đúng hạn, cán bộ hướng dẫn làm dịch vụ công trực tuyến "
     "rất tận tình."},
    {"enforcement", "criticism",
     "Trong xử lý người vi phạm còn cứng nhắc, chưa quan tâm đến nguyên nhân dẫn đến vi phạm."},
    {"enforcement", "criticism",
     "Việc lập biên bản xử phạt người bán hàng rong trên đường {street} chưa đúng quy trình, gây bức xúc trong nhân "
     "dân."},
    {"enforcement", "suggestion",
     "Đề nghị khi xử lý vi phạm thì giải thích rõ căn cứ, mức phạt để người dân hiểu và tự giác chấp hành."},
    {"traffic", "incident",
     "Giờ tan học buổi chiều, cổng {school} thường xuyên ùn tắc, phụ huynh dừng đỗ xe tràn ra lòng đường."},
    {"traffic", "incident",
     "Xe tự chế chở vật liệu xây dựng quá khổ, quá tải chạy trên đường {street} vào ban đêm, làm hỏng mặt đường và gây "
     "nguy hiểm."},
    {"traffic", "incident",
     "Tại ngã tư {street} – {street2} thường xuyên xảy ra xung đột giao thông vào giờ cao điểm."},
    {"traffic", "incident", "Thanh thiếu niên tụ tập đua xe, lạng lách, đánh võng trên đường {street} sau 23 giờ."},
    {"traffic", "request",
     "Đề nghị bố trí lực lượng phân luồng, bảo đảm trật tự an toàn giao thông tại cổng {school} vào giờ cao điểm."},
    {"traffic", "request",
     "Đề nghị lắp đặt biển báo, gờ giảm tốc tại ngã ba {street} vì đã xảy ra nhiều vụ va chạm giao thông."},
    {"theft", "incident",
     "Trong tháng qua, {group} xảy ra liên tiếp ba vụ trộm cắp xe máy dựng trong sân nhà vào ban đêm."},
    {"theft", "incident",
     "Gần đây có tình trạng trộm cắp tài sản tại {market}, nhất là điện thoại và ví tiền của người đi chợ."},
    {"theft", "incident", "Nhà tôi ở {group} bị kẻ gian đột nhập lấy trộm tài sản khi cả nhà đi vắng."},
    {"theft", "request",
     "Đề nghị tăng cường tuần tra vào ban đêm tại các ngõ xóm của {group} để phòng ngừa trộm cắp tài sản."},
    {"theft", "suggestion",
     "Đề nghị vận động các hộ lắp camera an ninh ở đầu ngõ để phòng chống trộm cắp, như mô hình đã làm ở {group}."},
    {"public_order", "incident",
     "Một nhóm thanh niên thường tụ tập uống rượu, gây gổ, gây rối trật tự công cộng tại {place} đến khuya."},
    {"public_order", "incident", "Tối {weekday} có xô xát, đánh nhau tại {place}, người dân rất lo lắng."},
    {"public_order", "request",
     "Đề nghị xử lý nghiêm các nhóm đối tượng gây rối trật tự công cộng, mang theo hung khí."},
    {"drugs", "incident",
     "Có biểu hiện tụ tập sử dụng ma túy tại khu nhà hoang cuối {group}, người dân thấy bơm kim tiêm vứt bừa bãi."},
    {"drugs", "request",
     "Đề nghị rà soát, quản lý chặt chẽ đối tượng nghiện ma túy trên địa bàn, nhất là số mới trở về địa phương."},
    {"loan_sharks", "incident",
     "Tờ rơi cho vay tiền nhanh không cần thế chấp dán khắp cột điện trên đường {street}; có hộ vay xong bị đe dọa, "
     "ném chất bẩn vào nhà."},
    {"loan_sharks", "request",
     "Đề nghị tăng cường đấu tranh với tội phạm tín dụng đen, tuyên truyền để người dân không vay nặng lãi."},
    {"loan_sharks", "question",
     "Gia đình tôi lỡ vay tiền qua ứng dụng trên mạng, nay bị gọi điện đe dọa, nhắn tin khủng bố, xin hỏi phải trình "
     "báo ở đâu?"},
    {"business", "incident",
     "Quán karaoke trên đường {street} hoạt động quá giờ quy định, hát to đến 1–2 giờ sáng, ảnh hưởng giấc ngủ của bà "
     "con."},
    {"business", "request",
     "Đề nghị kiểm tra các cơ sở kinh doanh có điều kiện về an ninh trật tự, đặc biệt là cơ sở karaoke, nhà nghỉ trên "
     "địa bàn."},
    {"business", "question",
     "Nhà tôi muốn mở cơ sở cầm đồ thì phải xin giấy chứng nhận đủ điều kiện về an ninh trật tự ở đâu?"},
    {"environment", "incident",
     "{workshop} ở gần {group} xả khói bụi và nước thải ra mương thoát nước, gây ô nhiễm môi trường."},
    {"environment", "incident",
     "Rác thải bị đổ trộm tại bãi đất trống đầu {group}, bốc mùi hôi thối, ô nhiễm môi trường."},
    {"environment", "request",
     "Đề nghị phối hợp kiểm tra, xử lý tình trạng đốt rác, đốt rơm rạ gây khói bụi, ô nhiễm vào buổi tối."},
    {"urban_order", "incident",
     "Hàng quán lấn chiếm lòng đường, hè phố trên đường {street}, người đi bộ phải đi xuống lòng đường."},
    {"urban_order", "incident", "Ô tô đỗ trên vỉa hè trước {place} cả ngày, cản trở người đi bộ."},
    {"urban_order", "request", "Đề nghị ra quân lập lại trật tự lòng đường, hè phố tại khu vực {market}."},
    {"fire_safety", "request",
     "Đề nghị kiểm tra phòng cháy chữa cháy tại các nhà trọ, nhà ở kết hợp kinh doanh trong {group}."},
    {"fire_safety", "question",
     "Nhà ống kết hợp kinh doanh cần trang bị bình chữa cháy và lối thoát nạn thế nào cho đúng quy định phòng cháy "
     "chữa cháy?"},
    {"fire_safety", "incident",
     "Trong ngõ ở {group} nhiều hộ sạc xe điện qua đêm ở tầng một, nguy cơ cháy nổ rất cao."},
    {"fire_safety", "suggestion",
     "Đề nghị tổ chức tập huấn kỹ năng thoát nạn, sử dụng bình chữa cháy cho người dân {group}."},
    {"staffing", "request",
     "Đề nghị bổ sung quân số cho công an cơ sở; địa bàn rộng mà mỗi cảnh sát khu vực phụ trách quá nhiều hộ."},
    {"staffing", "request",
     "Đề nghị tăng cường tuần tra kiểm soát vào ban đêm, nhất là tại các tuyến đường, khu vực trọng điểm như đường "
     "{street}."},
    {"staffing", "suggestion",
     "Đề nghị duy trì tổ tự quản, mô hình quần chúng tự quản về an ninh trật tự ở {group} và phối hợp tuần tra cùng "
     "công an."},
    {"staffing", "praise",
     "Từ khi công an tăng cường tuần tra ban đêm, tình hình an ninh trật tự ở {group} ổn định hơn hẳn."},
    {"other", "suggestion",
     "Đề nghị đổi mới hình thức tuyên truyền, phổ biến pháp luật, tổ chức ngắn gọn, gần gũi với người dân."},
    {"other", "question",
     "Xin hỏi khi nhặt được tài sản người khác đánh rơi thì nộp ở đâu và thủ tục trả lại thế nào?"},
    {"other", "praise", "Người dân đánh giá cao kết quả bảo đảm an ninh trật tự trên địa bàn trong thời gian qua."},
};

constexpr Weighted opener_list[] = {
    {"Tôi là người dân {group}.", 4},
    {"Tôi là tổ trưởng {group}.", 2},
    {"Tôi sống ở {group} đã lâu.", 2},
    {"Thay mặt bà con {group}, tôi xin có ý kiến.", 2},
};

constexpr CategoryText closer_list[] = {
    {"incident", "Mong công an sớm xem xét, xử lý dứt điểm."},
    {"incident", "Bà con rất mong được phản hồi."},
    {"request", "Mong công an sớm xem xét, giải quyết."},
    {"request", "Đây là nguyện vọng chung của nhiều hộ dân."},
    {"criticism", "Mong đơn vị chấn chỉnh để người dân yên tâm."},
    {"question", "Mong được cán bộ hướng dẫn cụ thể."},
    {"praise", "Mong các đồng chí tiếp tục phát huy."},
    {"suggestion", "Đây là ý kiến đóng góp chân thành của bà con."},
};

constexpr CategoryText answer_list[] = {
    {"conduct",
     "Đơn vị tiếp thu ý kiến, đã kiểm điểm, rút kinh nghiệm với cán bộ liên quan và chấn chỉnh tác phong, thái độ tiếp "
     "dân."},
    {"responsiveness",
     "Đơn vị đã công khai số điện thoại trực ban và của từng cảnh sát khu vực; trực ban 24/24 giờ để có mặt kịp thời."},
    {"procedures",
     "Cán bộ đã hướng dẫn người dân chuẩn bị hồ sơ và nộp qua Cổng dịch vụ công; trường hợp vướng mắc liên hệ trực "
     "tiếp bộ phận tiếp dân."},
    {"enforcement", "Đơn vị ghi nhận, sẽ rà soát quy trình xử lý vi phạm và giải thích rõ căn cứ cho người vi phạm."},
    {"traffic",
     "Công an sẽ phối hợp với nhà trường và dân quân bố trí lực lượng phân luồng giờ cao điểm, xử lý xe quá khổ, quá "
     "tải."},
    {"theft",
     "Đơn vị đã tăng cường tuần tra ban đêm, phối hợp với tổ tự quản và đề nghị các hộ khóa xe, lắp camera an ninh."},
    {"public_order",
     "Công an đã xác minh, lập biên bản, giáo dục các đối tượng và sẽ tuần tra thường xuyên tại khu vực."},
    {"drugs", "Đơn vị tiếp nhận thông tin, đã đưa khu vực vào diện theo dõi và rà soát đối tượng nghiện trên địa bàn."},
    {"loan_sharks",
     "Công an tiếp nhận tố giác, hướng dẫn người dân lưu giữ tin nhắn, chứng cứ và sẽ xử lý nghiêm hành vi đe dọa."},
    {"business",
     "Đơn vị sẽ kiểm tra điều kiện an ninh trật tự của cơ sở, xử lý vi phạm về thời gian hoạt động và tiếng ồn."},
    {"environment", "Nội dung thuộc thẩm quyền của UBND và ngành tài nguyên môi trường; công an sẽ phối hợp kiểm tra."},
    {"urban_order", "Công an phối hợp với trật tự đô thị ra quân lập lại trật tự lòng đường, hè phố trong tháng."},
    {"fire_safety", "Đơn vị sẽ kiểm tra an toàn phòng cháy chữa cháy và hướng dẫn các hộ trang bị bình chữa cháy."},
    {"staffing",
     "Đơn vị đã báo cáo cấp trên đề nghị bổ sung quân số và điều chỉnh lịch tuần tra vào khung giờ trọng điểm."},
    {"other", "Đơn vị cảm ơn ý kiến của bà con và sẽ tiếp tục lắng nghe, giải đáp."},
};

constexpr CategoryText action_list[] = {
    {"conduct",
     "Tổ chức kiểm điểm, rút kinh nghiệm về thái độ, tác phong tiếp dân; niêm yết quy tắc ứng xử tại phòng tiếp dân."},
    {"responsiveness", "Công khai số điện thoại trực ban và của cảnh sát khu vực tại nhà văn hóa các tổ dân phố."},
    {"procedures",
     "Bố trí cán bộ hỗ trợ đăng ký cư trú, kích hoạt định danh điện tử tại nhà văn hóa vào sáng thứ Bảy."},
    {"enforcement", "Rà soát quy trình lập biên bản xử lý vi phạm hành chính; tập huấn lại cho cán bộ."},
    {"traffic",
     "Bố trí lực lượng phân luồng, hướng dẫn giao thông tại cổng trường giờ tan học; kiểm tra xe tự chế quá tải."},
    {"theft", "Tăng cường tuần tra, kiểm soát ban đêm tại các ngõ xóm; vận động các hộ lắp camera an ninh."},
    {"public_order", "Lập danh sách, gọi hỏi răn đe các đối tượng thường xuyên gây rối; tuần tra khu vực đến 24 giờ."},
    {"drugs", "Rà soát, lập hồ sơ quản lý đối tượng nghiện; kiểm tra khu nhà hoang cùng tổ tự quản."},
    {"loan_sharks", "Thu gom tờ rơi cho vay; tuyên truyền về thủ đoạn tín dụng đen tại các buổi sinh hoạt tổ dân phố."},
    {"business", "Kiểm tra điều kiện an ninh trật tự và giờ hoạt động của các cơ sở karaoke trên địa bàn."},
    {"environment", "Phối hợp với UBND kiểm tra cơ sở gây ô nhiễm, lập biên bản và báo cáo xử lý."},
    {"urban_order", "Ra quân lập lại trật tự lòng đường, hè phố; vận động hộ kinh doanh ký cam kết."},
    {"fire_safety",
     "Kiểm tra phòng cháy chữa cháy tại nhà trọ, nhà ở kết hợp kinh doanh; tập huấn thoát nạn cho người dân."},
    {"staffing", "Điều chỉnh lịch tuần tra ban đêm; đề nghị Công an tỉnh bổ sung quân số cảnh sát khu vực."},
    {"other", "Đổi mới hình thức tuyên truyền pháp luật tại các buổi họp tổ dân phố."},
};

constexpr CategoryText topic_list[] = {
    {"conduct", "thái độ, tác phong của cán bộ"},
    {"responsiveness", "việc có mặt kịp thời khi có vụ việc"},
    {"procedures", "thủ tục cư trú, định danh điện tử"},
    {"enforcement", "xử lý vi phạm"},
    {"traffic", "ùn tắc giao thông ở cổng trường"},
    {"theft", "trộm cắp tài sản"},
    {"public_order", "gây rối trật tự công cộng"},
    {"drugs", "tệ nạn ma túy"},
    {"loan_sharks", "tín dụng đen"},
    {"business", "quán karaoke hoạt động quá giờ"},
    {"environment", "ô nhiễm môi trường"},
    {"urban_order", "lấn chiếm lòng đường, hè phố"},
    {"fire_safety", "phòng cháy chữa cháy"},
    {"staffing", "tăng cường tuần tra"},
    {"other", "tuyên truyền pháp luật"},
};

// Roughly the frequency of Vietnamese family names.
constexpr Weighted family_list[] = {
    {"Nguyễn", 76}, {"Trần", 22}, {"Lê", 19},  {"Phạm", 14}, {"Hoàng", 6}, {"Huỳnh", 4}, {"Phan", 9},
    {"Vũ", 4},      {"Võ", 4},    {"Đặng", 4}, {"Bùi", 4},   {"Đỗ", 3},    {"Hồ", 3},    {"Ngô", 3},
    {"Dương", 2},   {"Lý", 1},    {"Đinh", 2}, {"Trịnh", 1}, {"Đoàn", 1},  {"Lương", 1},
};
constexpr Weighted male_middle_list[] = {
    {"Văn", 40}, {"Đức", 10},  {"Minh", 10}, {"Quang", 8}, {"Hữu", 8},
    {"Công", 6}, {"Thanh", 6}, {"Xuân", 5},  {"Ngọc", 4},  {"Duy", 3},
};
constexpr Weighted female_middle_list[] = {
    {"Thị", 45},   {"Ngọc", 10}, {"Thu", 8}, {"Thanh", 8}, {"Minh", 6},
    {"Phương", 5}, {"Hồng", 5},  {"Kim", 5}, {"Mai", 4},   {"Bích", 4},
};
constexpr Weighted male_given_list[] = {
    {"An", 3},   {"Bình", 3}, {"Cường", 3}, {"Dũng", 4},  {"Hùng", 4},  {"Hải", 3},  {"Long", 3},
    {"Nam", 4},  {"Sơn", 3},  {"Tuấn", 4},  {"Thắng", 3}, {"Trung", 3}, {"Quân", 2}, {"Hoàng", 2},
    {"Khoa", 2}, {"Phúc", 2}, {"Đạt", 2},   {"Toàn", 2},  {"Thành", 3}, {"Hiếu", 2}, {"Tùng", 2},
};
constexpr Weighted female_given_list[] = {
    {"Lan", 3},   {"Hương", 4}, {"Hằng", 3}, {"Mai", 3},  {"Hoa", 3},   {"Linh", 4},   {"Ngọc", 2},
    {"Trang", 4}, {"Thảo", 3},  {"Hạnh", 2}, {"Yến", 2},  {"Nhung", 2}, {"Phượng", 2}, {"Thủy", 3},
    {"Hà", 3},    {"Huyền", 3}, {"Vân", 2},  {"Oanh", 1}, {"Loan", 2},
};
constexpr Weighted officer_rank_list[] = {
    {"Thiếu úy", 10}, {"Trung úy", 25}, {"Thượng úy", 30}, {"Đại úy", 20}, {"Thiếu tá", 10}, {"Trung tá", 5},
};
constexpr Weighted head_rank_list[] = {{"Thiếu tá", 3}, {"Trung tá", 5}, {"Thượng tá", 1}};
// Viettel 03x, 086, 096-098; VinaPhone 08[1-5], 088, 091, 094; MobiFone 070, 07[6-9], 089, 090, 093;
// Vietnamobile 056, 058; Gmobile 059.
constexpr Weighted prefix_list[] = {
    {"032", 3}, {"033", 3}, {"034", 3}, {"035", 3}, {"036", 3}, {"037", 3}, {"038", 3}, {"039", 3},
    {"086", 3}, {"096", 4}, {"097", 4}, {"098", 4}, {"081", 2}, {"082", 2}, {"083", 2}, {"084", 2},
    {"085", 2}, {"088", 2}, {"091", 4}, {"094", 3}, {"070", 2}, {"076", 1}, {"077", 2}, {"078", 1},
    {"079", 1}, {"089", 2}, {"090", 4}, {"093", 3}, {"056", 1}, {"058", 1}, {"059", 1},
};

constexpr Weighted street_list[] = {
    {"Lê Lợi", 1},         {"Trần Hưng Đạo", 1},   {"Nguyễn Trãi", 1},   {"Quang Trung", 1},   {"Hai Bà Trưng", 1},
    {"Lý Thường Kiệt", 1}, {"Phan Đình Phùng", 1}, {"Nguyễn Du", 1},     {"Lê Duẩn", 1},       {"Hùng Vương", 1},
    {"Ngô Quyền", 1},      {"Trần Phú", 1},        {"Điện Biên Phủ", 1}, {"Bạch Đằng", 1},     {"Nguyễn Văn Cừ", 1},
    {"Lê Hồng Phong", 1},  {"Võ Thị Sáu", 1},      {"Phạm Văn Đồng", 1}, {"Tôn Đức Thắng", 1}, {"Nguyễn Huệ", 1},
};
constexpr Weighted place_name_list[] = {
    {"Thanh Liệt", 1}, {"An Dương", 1}, {"Đồng Thái", 1},  {"Thắng Lợi", 1},  {"Văn Đẩu", 1}, {"Hợp Đức", 1},
    {"Trần Phú", 1},   {"Kim Đồng", 1}, {"Chu Văn An", 1}, {"Lê Quý Đôn", 1}, {"Hoa Sen", 1}, {"Bình Minh", 1},
};
constexpr Weighted village_list[] = {
    {"Đông", 2}, {"Đoài", 2},    {"Trung", 2},  {"Nam", 1},      {"Bắc", 1},     {"Thượng", 1},
    {"Hạ", 1},   {"Tân Lập", 1}, {"Phú Mỹ", 1}, {"Bình Hòa", 1}, {"Na Hang", 1}, {"Yên Thịnh", 1},
};
constexpr Weighted place_list[] = {
    {"sân bóng của {group}", 2},
    {"quán nước đầu ngõ", 2},
    {"khu vực {market}", 2},
    {"công viên gần {school}", 1},
    {"bến xe", 1},
    {"nhà văn hóa {group}", 1},
};
constexpr Weighted workshop_list[] = {
    {"Xưởng gỗ", 2}, {"Cơ sở tái chế nhựa", 1}, {"Cơ sở sản xuất bún", 1}, {"Xưởng mộc", 1}, {"Lò gạch", 1},
};
constexpr Weighted weekday_list[] = {
    {"thứ Hai", 1}, {"thứ Ba", 1}, {"thứ Tư", 1}, {"thứ Năm", 1}, {"thứ Sáu", 2}, {"thứ Bảy", 3}, {"Chủ nhật", 3},
};

constexpr Weighted forum_title_list[] = {
    {"Hội nghị “Công an lắng nghe ý kiến Nhân dân” năm {year}", 4},
    {"Diễn đàn Công an lắng nghe ý kiến Nhân dân quý {quarter}/{year}", 3},
    {"Hội nghị Nhân dân đánh giá tình hình an ninh trật tự {half} năm {year}", 2},
    {"Hội nghị lấy ý kiến sự hài lòng của Nhân dân đối với lực lượng Công an năm {year}", 2},
};
constexpr Weighted forum_venue_list[] = {
    {"Hội trường Ủy ban nhân dân", 4},
    {"Nhà văn hóa {group}", 4},
    {"Hội trường Công an", 2},
    {"Hội trường {school}", 1},
};
constexpr Weighted ballot_comment_list[] = {
    {"Cán bộ nhiệt tình, chu đáo.", 3},
    {"Mong công an tuần tra nhiều hơn vào ban đêm.", 3},
    {"Thủ tục cư trú cần nhanh gọn hơn.", 2},
    {"Cần có mặt kịp thời hơn khi người dân báo tin.", 2},
    {"Hài lòng với kết quả bảo đảm an ninh trật tự.", 3},
    {"Thái độ tiếp dân còn chưa cởi mở.", 1},
};
}  // namespace

std::span<const Weighted> category_weights() {
    return category_weight_list;
}
std::span<const FeedbackTemplate> feedback_templates() {
    return template_list;
}
std::span<const Weighted> openers() {
    return opener_list;
}
std::span<const CategoryText> closers() {
    return closer_list;
}
std::span<const CategoryText> answers() {
    return answer_list;
}
std::span<const CategoryText> action_descriptions() {
    return action_list;
}
std::span<const CategoryText> topics() {
    return topic_list;
}
std::span<const Weighted> family_names() {
    return family_list;
}
std::span<const Weighted> male_middle_names() {
    return male_middle_list;
}
std::span<const Weighted> female_middle_names() {
    return female_middle_list;
}
std::span<const Weighted> male_given_names() {
    return male_given_list;
}
std::span<const Weighted> female_given_names() {
    return female_given_list;
}
std::span<const Weighted> officer_ranks() {
    return officer_rank_list;
}
std::span<const Weighted> head_ranks() {
    return head_rank_list;
}
std::span<const Weighted> mobile_prefixes() {
    return prefix_list;
}
std::span<const Weighted> streets() {
    return street_list;
}
std::span<const Weighted> place_names() {
    return place_name_list;
}
std::span<const Weighted> village_names() {
    return village_list;
}
std::span<const Weighted> places() {
    return place_list;
}
std::span<const Weighted> workshops() {
    return workshop_list;
}
std::span<const Weighted> weekdays() {
    return weekday_list;
}
std::span<const Weighted> forum_titles() {
    return forum_title_list;
}
std::span<const Weighted> forum_venues() {
    return forum_venue_list;
}
std::span<const Weighted> ballot_comments() {
    return ballot_comment_list;
}

}  // namespace langnghe::phrases
