"""Patterns of the clause grammar: how sentences split, what opens them, what marks a statement.

Vocabulary (verbs, heads, section words) lives in ``data/lexicon.yaml``; these are the shapes.
"""
from __future__ import annotations

import re

from chidao.extract.chars import LOWER as L, UPPER as U

SENTENCE = re.compile(r"(?<=[.!?…])[\s*]+(?=" + U + r"|[“\"(])|;\s*|\.\s*$"
                      r"|(?<=\S):\s+(?=(?:Sở|Ban|Ủy ban|UBND|Công an|Văn phòng|Bộ|Các|[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu)\s)")
# a topic before a colon ("Về đề nghị của Bộ …: giao Sở X …") ends where the colon is
TOPIC = re.compile(r"\s*Về\s")
SPEAKER = re.compile(r"(?i)\b(?:chỉ đạo|kết luận|ý kiến)\b")
LEADING = re.compile(r"^[\s,.:;*\-–+•“\"]+")
ADVERBIAL = (r"(?:Tại|Trong|Năm|Ngày|Sau khi|Sau|Qua|Để|Nhằm|Với|Bên cạnh|Theo|Trên cơ sở|Căn cứ|Đến nay|Hiện nay|"
             r"Thời gian tới|Trước mắt|Trước đó|Trước|Sáng|Chiều|Tối|Tuy nhiên|Do đó|Vì vậy|Nhìn chung|Từ|Khi|Nếu|"
             r"Quá trình|Đồng thời|Mặt khác|Ngoài ra|Riêng|Cụ thể|Hằng năm|Hàng năm|Định kỳ|Trường hợp|Đặc biệt|Thực hiện|"
             r"Cùng với|Kể từ|Đầu|Cuối|Giữa)")
OPENER = re.compile(r"^(?P<p>(?i:" + ADVERBIAL + r")(?![\wÀ-ỹ])[^,;:]{0,90}?),\s+")
PURPOSE = re.compile(r"^(?:Để|Nhằm|Sau khi|Qua|Trên cơ sở|Với|Thực hiện|Căn cứ|Theo)(?![\wÀ-ỹ])")
# a further place of a list ("UBND các phường Trà Vinh, Nguyệt Hóa, Long Đức"), not a body or a role
_PLACE = (r"(?!(?:Sở|UBND|Ủy|Ban|Phòng|Công|Trung|Văn|Chủ|Phó|Giám|Đồng|Thủ|Chánh|Trưởng)\b)"
          + U + L + r"*(?:\s+" + U + L + r"*){0,2}")
DOI_VOI = re.compile(r"^(?:Lưu ý\s+)?[Đđ]ối với\s+(?P<x>[^:]{2,160}?)\s*:\s*"
                     r"|^[Đđ]ối với\s+(?P<y>(?:UBND|Ủy ban|Sở|Ban|Trung tâm|Công an|Phòng|Văn phòng|các)\s[^,:]{2,120}?"
                     r"(?:,\s*" + _PLACE + r"(?=\s*,|\s+và\s))*(?:\s+và\s+" + _PLACE + r")?),\s+")
VE_TOPIC = re.compile(r"^(?:Về|Cụ thể|Trong đó|Riêng)\b[^:]{0,160}:\s*")
PRESENTER = re.compile(r"\((?:\*)?(?P<x>[^()]{3,120}?)\s+trình(?:\s+tại\s+(?:Tờ trình|Công văn|Văn bản|Báo cáo)[^()]{0,80})?(?:\*)?\)")
CHU_TRI = re.compile(r"^(?:[Cc]ơ quan chủ trì(?:\s+soạn thảo)?|[Cc]ơ quan (?:trình|soạn thảo|tham mưu)|[Đđ]ơn vị (?:chủ trì|soạn thảo))"
                     r"(?![\wÀ-ỹ])")
TABLE_LEADS = re.compile(r"(?i)^(?:các\s+)?(?:cơ quan|đơn vị)(?:,\s*(?:cơ quan|đơn vị|địa phương))*\s+"
                         r"(?:được giao chủ trì|chủ trì|được giao|được phân công)"
                         r"(?:\s+(?:các\s+)?nhiệm vụ)?(?:\s+(?:tại|trong|theo)\s+(?:Phụ lục|Danh mục|Kế hoạch|Mục|Điều|khoản)[^,;]{0,80}?)?"
                         r"(?=\s+(?:có trách nhiệm|chịu trách nhiệm|chủ động|khẩn trương|tổ chức|xây dựng|triển khai|báo cáo|"
                         r"định kỳ|gửi|thực hiện))")
# "Thủ trưởng các cơ quan … có nhiệm vụ quá hạn nêu tại bảng trên": the bodies of the table
TABLE_HOLDERS = re.compile(r"(?i)^[^;:.]{0,120}?(?:có|được giao)\s+(?:các\s+)?nhiệm vụ[^;:.]{0,40}?(?:nêu\s+)?"
                           r"(?:tại|trong|ở)\s+(?:bảng|danh sách|danh mục|phụ lục)(?:\s+(?:trên|nêu trên|kèm theo|dưới đây))?")
# a clause that only times the work of the one before: "…; thời gian gửi hồ sơ chậm nhất ngày 10/10/2025"
TIME_ONLY = re.compile(r"(?i)\s*(?:thời gian|thời hạn)(?:\s+(?:gửi|nộp|hoàn thành|thực hiện|trình|báo cáo)"
                       r"(?:\s+[^\s,;:.]+){0,3}?)?\s*:?\s*(?:là\s+)?(?=(?:chậm nhất|trước|trong|không quá|hạn chót|xong)\s)")
ANAPHORA = re.compile(r"\s+(?:này|nêu trên|trên|nói trên|vừa nêu|có tên trên)\b")
STANDARD_COLLECTIVE = re.compile(r"(?i)^(?:các|những)\s+(?:sở|bộ),\s*(?:ban,\s*)?ngành")
NAMED_LOCALITY = re.compile(r"\s+(huyện|xã|thị xã|thành phố|phường|quận|thị trấn)\s+(" + U + L + r"*(?:\s+" + U + L + r"*){0,3})")
COORD = re.compile(r"(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|với sự phối hợp của|cùng với)\s+")
QUALIFIER_GAP = re.compile(r"\s+(?:thuộc|trực thuộc|của|là|tại)\s[^,;:.]{0,70}?\s*(?:,|và)\s*")
BARE_LOCALITIES = re.compile(r"\s+(?P<w>(?:huyện|xã|tỉnh|thành phố|thị xã|phường|thị trấn)(?:\s*(?:,|và)\s*(?:huyện|xã|thành phố|"
                             r"thị xã|phường|thị trấn))*)(?=\s+(?!" + U + r")\w)")
LIST_GAP = re.compile(r"^\s*(?:,|;|và|cùng|:|\(|\))?\s*$")
LOCAL_SUBJECT = re.compile(r"^(?P<w>[Hh]uyện|[Xx]ã|[Tt]hành phố|[Tt]hị xã|[Tt]ỉnh)(?=\s+(?:cần|phải|tiếp tục|chủ động|tập trung|khẩn trương|quan tâm|thực hiện|triển khai)\b)")

DESCRIPTIVE = re.compile(r"^(?:Mục tiêu|Đối tượng|Phạm vi|Quy mô|Kết quả|Tổng số|Thành phần|Thành viên)(?:\s[^:]{0,80})?:")
AMOUNT = re.compile(r"\blà\s+[\d.,]+\s*(?:triệu|tỷ|nghìn|ngàn)?\s*đồng\b")
CONDITIONAL = re.compile(r"(?i)(?:^|[\s,])(?:nếu|trường hợp)\s+(?:có\s+)?(?:khó khăn|vướng mắc|phát sinh)")
CITED_IN = re.compile(r"(?i)(?:tại|theo)\s+(?:Công văn|Văn bản|Thông báo|Quyết định|Công điện|Chỉ thị|Kết luận)\s+số")
# "Ngày 16/9/2025, …", "(Huế) - Sáng 12/11, …": a paragraph that tells of an event;
# "Tuy nhiên, …", "Nhìn chung, …": one that weighs results
NARRATIVE = re.compile(r"(?i)^\s*(?:\([^()]{1,30}\)\s*[-–]\s*)?(?:(?:sáng|chiều|tối|trưa)\s+(?:ngày\s+)?|ngày\s+|hôm\s+)"
                       r"\d{1,2}\s*[/.-]\s*\d{1,2}")
# a sentence that weighs rather than assigns ("Tuy nhiên, Đề án còn dàn trải."): to its full stop only
WEIGHING = re.compile(r"^\s*(?:Tuy nhiên|Nhìn chung|Mặc dù)(?![\wÀ-ỹ])")
APPOSITION = re.compile(r"^(?:[Ll]à\s+(?:chủ đầu tư|cơ quan (?:thường trực|đầu mối|chủ trì)|đơn vị (?:chủ trì|đầu mối|thường trực)"
                        r"|(?:những|các)\s+(?:địa bàn|địa phương|đơn vị|xã|phường|huyện)\s)"
                        r"(?:[^,;]{0,80}?,\s*|\s+(?=(?:chịu|có trách nhiệm|có nhiệm vụ|chủ trì|phải|cần|khẩn trương)\b)))")
# a list of bodies after these words goes on past a comma; a person's name is followed by a title
NO_SPLIT_BEFORE = re.compile(r"(?i)\b(?:với|giao|yêu cầu|đề nghị|chỉ đạo|hướng dẫn|cho|của|đôn đốc|hỗ trợ|phối hợp|gồm|"
                             r"tham dự|thành phần|mời)\b")
PERSON_END = re.compile(r"(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+" + U + r"\S*(?:\s+" + U + r"\S*){1,4}\s*$")
PERSON_NAME = re.compile(r"\s*(" + U + L + r"*)(?:\s+" + U + L + r"*){1,3}(?=\s*,?\s+" + L + r")")
ANNOUNCE = re.compile(r"^(?:\S+\s+){0,2}\S*\s*\((?:Công văn|Văn bản|Quyết định|Kế hoạch|Công điện|Thông báo|Chỉ thị)")
HEAD_TARGET = re.compile(r"[Đđ]ối với\s+(?P<x>.+?)\s*:?\s*$")
# "…; kết quả gửi về Văn phòng UBND tỉnh trước ngày 05/7/2024": the report of the same duty
REPORT_BACK = re.compile(r"(?i)^(?:kết quả|báo cáo kết quả)\s+(?:thực hiện\s+)?(?:gửi|báo cáo|về)\b")
PERIODIC = re.compile(r"(?i)định kỳ|(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần)")
# "huyện Bình Gia", "UBND xã Hoa Thám": a locality by level and name
LOCALITY_NAME = re.compile(r"(?:UBND\s+|Ủy ban nhân dân\s+)?(huyện|xã|thành phố|thị xã|phường|thị trấn|quận)\s+"
                           r"(" + U + r"\S*(?:\s+" + U + r"\S*){0,3})")

# --- who speaks, who is given work, who only attends ---------------------------------------
DOC_KIND = r"(?:Công văn|Chỉ thị|Công điện|Kế hoạch|Quyết định|Thông báo|Văn bản)"
# "Thực hiện Chỉ thị số 12/CT-UBND …, trong đó UBND tỉnh yêu cầu …": what the cited document asks
CITED_WITHIN = re.compile(r"(?i)\b(?:thực hiện|theo|tại)\s+" + DOC_KIND + r"\s+số\s[^.;]*?,\s*trong đó\b")
# "Theo Kế hoạch, …": by the document of that kind just named
BY_DOCUMENT = re.compile(r"Theo\s+(?P<kind>" + DOC_KIND + r")(?:\s+này)?\s*,")
# "Chỉ thị yêu cầu …", "Công điện yêu cầu …": the document just named speaks
OWN_DOCUMENT_SPEAKS = re.compile(r"(?P<kind>" + DOC_KIND + r")\s+(?:này\s+)?(?=(?:yêu cầu|đề nghị|giao|chỉ đạo)\s)")
MEMBERS = re.compile(r"(?i)(?:các\s+)?thành viên\s")  # "Các thành viên Ban Chỉ đạo …": the body's members
# "Các thành viên có tên tại Điều 1 của Quyết định có trách nhiệm …": members of a body set up in the text
MEMBERS_OF_NEW = re.compile(r"(?:Các\s+)?[Tt]hành viên(?:\s+có tên\s+tại\s+Điều\s+\d+(?:\s+(?:của\s+)?Quyết định"
                            r"(?:\s+(?:này|nêu trên|trên))?)?)?(?=\s+(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ))\s+")
FORBIDDING = re.compile(r"(?i)(?:không\s+(?:để|được)|tránh|nghiêm cấm)\s")  # "…; không để tình trạng … đã …"
# central bodies, whose requests a provincial document reports but does not make
CENTRAL = re.compile(r"(?:Bộ(?!\s+Chỉ huy)(?:\s+trưởng)?|Chính phủ|Thủ tướng|Quốc hội|Văn phòng Chính phủ|Thanh tra Chính phủ"
                     r"|Kiểm toán Nhà nước|Ủy ban Dân tộc|Ngân hàng Nhà nước Việt Nam|Bảo hiểm xã hội Việt Nam)(?![\wÀ-ỹ])")
# "… đề nghị", "… tại Công văn số 2356/UBDT-KHTC ngày 30/9/2022 đã đề nghị": what a central body asked
REPORTED_VERB = re.compile(r"(?:(?:tại|theo|qua)\s+" + DOC_KIND + r"[^;:]{0,100}?\s+)?(?:đã\s+)?"
                           r"(?:đề nghị|yêu cầu|chỉ đạo|giao|hướng dẫn|quy định|dự báo|nhận định|cảnh báo)(?![\wÀ-ỹ])")
# "Cùng đi có lãnh đạo các sở: …", "Tham dự có …": who attended, not who is given work
ATTENDING = re.compile(r"[\s,;]*(?:Cùng đi(?: với đồng chí[^,;:]*)? có|Cùng dự có|Tham dự(?: cuộc họp| buổi làm việc| hội nghị)? có"
                       r"|Dự (?:họp|buổi làm việc|hội nghị) có|Thành phần (?:tham dự|dự họp)(?: gồm)?)\b")
HEARD = re.compile(r"\bnghe(?:\s+(?:báo cáo|ý kiến)(?:\s+của)?)?\s*$")  # "qua nghe A, B báo cáo": heard, not speaking
# "UBND các xã, phường có trụ sở dôi dư chịu trách nhiệm …": which of the places, before the duty
LOCAL_QUALIFIER = re.compile(r"\s*(?P<q>(?:có|thuộc|ven)\s+(?:[^\s,;.]+\s+){0,5}?)(?=(?:chịu trách nhiệm|có trách nhiệm|"
                             r"khẩn trương|chủ động|tập trung|phải|cần)(?![\wÀ-ỹ]))")
# "nghe đồng chí Lương Văn A, Chủ tịch UBND xã B báo cáo": a person heard, then the post they hold
HEARD_PERSON = re.compile(r"\bnghe\s[^;:.]{0,200}?(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+[^,;]{2,40}$")
