<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AgreementModel</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/agreement_model.py" line="+32"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Percent</source>
        <translation>Phần trăm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen&apos;s κ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fleiss&apos; κ</source>
        <translation>Fleiss&apos; κ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>αu</source>
        <translation>αu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share of coder pairs that agree (tag given by both, or by neither); not corrected for chance</source>
        <translation>Tỉ lệ cặp người mã hóa đồng ý (cả hai cùng gắn nhãn, hoặc cả hai cùng không gắn); chưa hiệu chỉnh theo ngẫu nhiên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement beyond chance for exactly two coders (Cohen 1960)</source>
        <translation>Độ đồng thuận vượt ngẫu nhiên cho đúng hai người mã hóa (Cohen 1960)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement beyond chance for any number of coders (Fleiss 1971)</source>
        <translation>Độ đồng thuận vượt mức ngẫu nhiên cho số người mã hóa bất kỳ (Fleiss 1971)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Krippendorff&apos;s α, nominal: any number of coders, missing data allowed</source>
        <translation>Krippendorff&apos;s α, định danh: số người mã hóa bất kỳ, cho phép thiếu dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Krippendorff&apos;s unitizing α: agreement on where highlights start and end, by characters</source>
        <translation>Krippendorff&apos;s α cho phân đơn vị (unitizing): độ đồng thuận về chỗ bắt đầu và kết thúc của đoạn đánh dấu, tính theo ký tự</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units at least two coders coded</source>
        <translation>Số đơn vị có ít nhất hai người mã hóa</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Undefined: no variation (every coder gave the same answer everywhere, e.g. nobody used the tag), so agreement beyond chance cannot be measured.</source>
        <translation>Không xác định: không có biến thiên (mọi người mã hóa đều trả lời giống nhau ở mọi chỗ, ví dụ không ai dùng nhãn này), nên không đo được độ đồng thuận vượt mức ngẫu nhiên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undefined: no unit was coded by all the coders.</source>
        <translation>Không xác định: không có đơn vị nào được tất cả người mã hóa mã hóa.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undefined: fewer than two values can be paired.</source>
        <translation>Không xác định: có ít hơn hai giá trị ghép cặp được.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undefined: Cohen&apos;s κ needs exactly two coders; see Fleiss&apos; κ.</source>
        <translation>Không xác định: Cohen&apos;s κ cần đúng hai người mã hóa; xem Fleiss&apos; κ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undefined: it needs two or more coders.</source>
        <translation>Không xác định: cần từ hai người mã hóa trở lên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undefined: no article was coded by all the coders.</source>
        <translation>Không xác định: không có bài báo nào được tất cả người mã hóa mã hóa.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Overall</source>
        <translation>Tổng thể</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/agreement_window.py" line="+70"/>
        <source>Inter-coder agreement</source>
        <translation>Độ đồng thuận giữa người mã hóa</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coders</source>
        <translation>Người mã hóa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Word (segmented)</source>
        <translation>Từ (đã tách từ)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sentence</source>
        <translation>Câu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Character</source>
        <translation>Ký tự</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A highlight covers a unit if it covers any part of it. Word: our segmented Vietnamese words (“cán bộ” is one).</source>
        <translation>Một đoạn đánh dấu phủ một đơn vị nếu phủ bất kỳ phần nào của đơn vị đó. Từ: từ tiếng Việt theo cách tách từ của ứng dụng (“cán bộ” là một từ).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coders:</source>
        <translation>Người mã hóa:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags (none ticked: every tag used):</source>
        <translation>Nhãn (không đánh dấu chọn: dùng mọi nhãn):</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disagreements…</source>
        <translation>Bất đồng…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passages where the coders split on the selected tag, to read side by side and adjudicate</source>
        <translation>Các đoạn trích mà người mã hóa bất đồng về nhãn đã chọn, để đọc song song và phân xử</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Tick at least two coders.</source>
        <translation>Hãy chọn ít nhất hai người mã hóa.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n article(s) coded by all of: %1</source>
        <translation>
            <numerusform>%n bài báo được mã hóa bởi tất cả: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n article(s) counted by syllables (word segmentation not finished)</source>
        <translation>
            <numerusform>%n bài báo được tính theo âm tiết (chưa tách từ xong)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The agreement could not be computed: %1</source>
        <translation>Không tính được độ đồng thuận: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export the agreement table</source>
        <translation>Xuất bảng độ đồng thuận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, comma-separated (*.csv)</source>
        <translation>CSV, phân tách bằng dấu phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting to %1…</source>
        <translation>Đang xuất ra %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>Đã xuất %n dòng ra %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>AnalysisController</name>
    <message>
        <location filename="../../desktop_app/ui/window/analysis_controller.py" line="+44"/>
        <source>Coded passages…</source>
        <translation>Đoạn trích đã mã hóa…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every passage coded with chosen tags, across the library</source>
        <translation>Mọi đoạn trích được mã hóa bằng các nhãn đã chọn, trong toàn thư viện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrix and co-occurrence…</source>
        <translation>Ma trận và đồng xuất hiện…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags × articles or attribute values, tag × tag; click a cell for its passages</source>
        <translation>Nhãn × bài báo hoặc giá trị thuộc tính, nhãn × nhãn; bấm vào một ô để xem các đoạn trích</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement…</source>
        <translation>Độ đồng thuận…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inter-coder agreement per tag: percent, Cohen&apos;s and Fleiss&apos; κ, Krippendorff&apos;s α and αu; disagreements and adjudication</source>
        <translation>Độ đồng thuận giữa người mã hóa theo từng nhãn: phần trăm, Cohen&apos;s và Fleiss&apos; κ, Krippendorff&apos;s α và αu; bất đồng và phân xử</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report…</source>
        <translation>Báo cáo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The codebook, examples, memos and tables as a web page or PDF</source>
        <translation>Bộ mã, ví dụ, ghi nhớ và bảng dưới dạng trang web hoặc PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attributes…</source>
        <translation>Thuộc tính…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set attribute for selected articles…</source>
        <translation>Đặt thuộc tính cho các bài báo đã chọn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code whole articles…</source>
        <translation>Mã hóa toàn bài…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag the selected articles as a whole (genre, stance), apart from their highlights</source>
        <translation>Gắn nhãn cho cả bài báo đã chọn (thể loại, lập trường), tách biệt với các đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Analysis</source>
        <translation>&amp;Phân tích</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Set attribute for %n selected article(s)…</source>
        <translation>
            <numerusform>Đặt thuộc tính cho %n bài báo đã chọn…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Code %n article(s) as a whole…</source>
        <translation>
            <numerusform>Mã hóa toàn bài cho %n bài báo…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationHistory</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/window/undo.py" line="+30"/>
        <location line="+1"/>
        <source>Highlight %n passage(s)</source>
        <translation>
            <numerusform>Đánh dấu %n đoạn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Delete %n highlight(s)</source>
        <translation>
            <numerusform>Xóa %n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Change tags of %n highlight(s)</source>
        <translation>
            <numerusform>Đổi nhãn của %n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit article memo</source>
        <translation>Sửa ghi nhớ của bài</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resize highlight “%1”</source>
        <translation>Đổi phạm vi đoạn đánh dấu “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create tag “%1”</source>
        <translation>Tạo nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename tag “%1”</source>
        <translation>Đổi tên nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move tag “%1”</source>
        <translation>Chuyển nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Merge “%1”</source>
        <translation>Gộp “%1”</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Recolour tag “%1”</source>
        <translation>Đổi màu nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe tag “%1”</source>
        <translation>Mô tả nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete tag “%1”</source>
        <translation>Xóa nhãn “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit article details</source>
        <translation>Sửa thông tin bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject suggestion “%1”</source>
        <translation>Bỏ gợi ý “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import annotations</source>
        <translation>Nhập chú giải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit dictionary</source>
        <translation>Sửa từ điển</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjudicate “%1”</source>
        <translation>Phân xử “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename coder “%1”</source>
        <translation>Đổi tên người mã hóa “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete article “%1”</source>
        <translation>Xóa bài báo “%1”</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n article(s)</source>
        <translation>
            <numerusform>Xóa %n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Highlight “%1”</source>
        <translation>Đánh dấu “%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete “%1”</source>
        <translation>Xóa “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change tags of “%1”</source>
        <translation>Đổi nhãn của “%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re-attach “%1”</source>
        <translation>Gắn lại “%1”</translation>
    </message>
</context>
<context>
    <name>AnnotationPane</name>
    <message>
        <location filename="../../desktop_app/ui/panel/pane.py" line="+94"/>
        <source>TAGS — select text, then click a tag</source>
        <translation>NHÃN — chọn đoạn văn rồi bấm vào một nhãn</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No highlights yet.

Select a passage in the text, then press Ctrl+H, right-click → Highlight with tags…, or click a tag above.</source>
        <translation>Chưa có đánh dấu nào.

Chọn một đoạn trong bài, rồi nhấn Ctrl+H, nhấp chuột phải → Đánh dấu và gắn nhãn…, hoặc nhấp một nhãn ở trên.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Filter (diacritics optional)</source>
        <translation>Lọc (không cần dấu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter highlights by text</source>
        <translation>Lọc đoạn đánh dấu theo chữ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter highlights by tag</source>
        <translation>Lọc đoạn đánh dấu theo nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>All tags</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Order of highlights</source>
        <translation>Thứ tự các đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By position</source>
        <translation>Theo vị trí</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By time</source>
        <translation>Theo thời gian</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Add tags to %n highlight(s)…</source>
        <translation>
            <numerusform>Thêm nhãn cho %n đoạn đánh dấu…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Remove tags from %n highlight(s)…</source>
        <translation>
            <numerusform>Gỡ nhãn khỏi %n đoạn đánh dấu…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Delete %n highlight(s)</source>
        <translation>
            <numerusform>Xóa %n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+89"/>
        <source>HIGHLIGHTS ({n})</source>
        <translation>ĐOẠN ĐÁNH DẤU ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HIGHLIGHTS ({n} OF {total})</source>
        <translation>ĐOẠN ĐÁNH DẤU ({n} / {total})</translation>
    </message>
</context>
<context>
    <name>ArticleCoding</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/analysis/article_coding.py" line="+35"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n bài báo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Code %n article(s) as a whole</source>
        <translation>
            <numerusform>Mã hóa toàn bài cho %n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
</context>
<context>
    <name>ArticleController</name>
    <message>
        <location filename="../../desktop_app/ui/window/article_controller.py" line="+37"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the article “%1” and its %n highlight(s)?</source>
        <translation>
            <numerusform>Xóa bài báo “%1” cùng %n đoạn đánh dấu của nó?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Delete %n article(s) and their %1?</source>
        <translation>
            <numerusform>Xóa %n bài báo cùng %1 của chúng?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their memos go with them. Undo (Ctrl+Z) brings everything back.</source>
        <translation>Các ghi nhớ cũng bị xóa theo. Hoàn tác (Ctrl+Z) sẽ khôi phục tất cả.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete articles</source>
        <translation>Xóa bài báo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n article(s) deleted — Undo (Ctrl+Z)</source>
        <translation>
            <numerusform>Đã xóa %n bài báo — Hoàn tác (Ctrl+Z)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleDetailsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/library/article_details.py" line="+30"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kicker</source>
        <translation>Tít phụ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>Ngày đăng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Tác giả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Article details</source>
        <translation>Thông tin bài viết</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>2023-04-04 10:48 or 04/04/2023 10:48</source>
        <translation>2023-04-04 10:48 hoặc 04/04/2023 10:48</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported from</source>
        <translation>Nhập từ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden web leftovers</source>
        <translation>Phần thừa của trang web đã ẩn</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checked lines are hidden in the reader. They stay in the article&apos;s text, so nothing is lost and highlights never move; uncheck a line to show it again.</source>
        <translation>Các dòng được tích chọn sẽ bị ẩn trong khung đọc. Chúng vẫn nằm trong văn bản của bài, nên không mất gì và các đoạn đánh dấu không bao giờ bị lệch; bỏ tích một dòng để hiện lại dòng đó.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hidden lines (%1)</source>
        <translation>Dòng bị ẩn (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Original text as imported</source>
        <translation>Văn bản gốc lúc nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original file</source>
        <translation>Tệp gốc</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No headline was found: the title is the first sentence of the text.</source>
        <translation>Không tìm thấy tiêu đề: tiêu đề là câu đầu tiên của văn bản.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title guessed from the first sentence</source>
        <translation>Tiêu đề được đoán từ câu đầu tiên</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credited to</source>
        <translation>Ghi công cho</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read as</source>
        <translation>Đọc là</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../desktop_app/ui/library/article_list.py" line="+123"/>
        <location line="+68"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
</context>
<context>
    <name>ArticleValuesModel</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/attribute_models.py" line="+158"/>
        <source>Attribute</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Built in: edit it on the Details tab</source>
        <translation>Có sẵn: sửa ở thẻ Chi tiết</translation>
    </message>
</context>
<context>
    <name>AttributeListModel</name>
    <message>
        <location line="-101"/>
        <source>Attribute</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Articles</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choices</source>
        <translation>Lựa chọn</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1, built in</source>
        <translation>%1, có sẵn</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Built in: read from the article&apos;s details (File → Article details)</source>
        <translation>Có sẵn: đọc từ chi tiết bài báo (Tệp → Chi tiết bài báo)</translation>
    </message>
</context>
<context>
    <name>Attributes</name>
    <message>
        <location line="-80"/>
        <source>text</source>
        <translation>văn bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>số</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one of a list</source>
        <translation>một mục trong danh sách</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>outlet</source>
        <translation>cơ quan báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>ngày đăng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year</source>
        <translation>năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>author</source>
        <translation>tác giả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>domain</source>
        <translation>tên miền</translation>
    </message>
</context>
<context>
    <name>AttributesTab</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/article_attributes.py" line="+52"/>
        <source>Attributes of this article</source>
        <translation>Thuộc tính của bài báo này</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Double-click a value of your own attributes to change it; it is saved with the details (Ctrl+Z undoes it). Define attributes in Analysis → Attributes…</source>
        <translation>Bấm đúp vào một giá trị thuộc tính của bạn để thay đổi; giá trị được lưu cùng chi tiết (Ctrl+Z để hoàn tác). Định nghĩa thuộc tính trong Phân tích → Thuộc tính…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Whole-article codes: %1</source>
        <translation>Mã toàn bài: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No whole-article code (Analysis → Code whole articles…)</source>
        <translation>Chưa có mã toàn bài (Phân tích → Mã hóa toàn bài…)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not save the attribute</source>
        <translation>Không lưu được thuộc tính</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Attributes</source>
        <translation>Thuộc tính</translation>
    </message>
</context>
<context>
    <name>AttributesWindow</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/attributes_window.py" line="+60"/>
        <source>Attributes</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Attributes describe articles (NVivo&apos;s cases, MAXQDA&apos;s document variables): filter coded passages by them and cross-tabulate tags by them in Analysis → Matrix.</source>
        <translation>Thuộc tính mô tả bài báo (tương ứng cases của NVivo, biến tài liệu của MAXQDA): dùng để lọc đoạn trích đã mã hóa và lập bảng chéo nhãn trong Phân tích → Ma trận.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New attribute…</source>
        <translation>Thuộc tính mới…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choices…</source>
        <translation>Lựa chọn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import from CSV…</source>
        <translation>Nhập từ CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First column id or title, then one column per attribute; the whole file is checked first, a bad cell imports nothing</source>
        <translation>Cột đầu là id hoặc tiêu đề, sau đó mỗi thuộc tính một cột; toàn bộ tệp được kiểm tra trước, chỉ cần một ô sai là không nhập gì</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Set</source>
        <translation>Đặt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code whole articles…</source>
        <translation>Mã hóa toàn bài…</translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>The %n article(s) selected in the library</source>
        <translation>
            <numerusform>%n bài báo đang chọn trong thư viện</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not change the attribute</source>
        <translation>Không thay đổi được thuộc tính</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Rename the attribute</source>
        <translation>Đổi tên thuộc tính</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choices of %1</source>
        <translation>Các lựa chọn của %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One choice per line (a choice still used by some articles cannot go):</source>
        <translation>Mỗi dòng một lựa chọn (không thể bỏ lựa chọn còn được bài báo nào đó dùng):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete the attribute</source>
        <translation>Xóa thuộc tính</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the attribute “%1” and its values for %n article(s)?</source>
        <translation>
            <numerusform>Xóa thuộc tính “%1” và giá trị của nó ở %n bài báo?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Z in the main window brings it back.</source>
        <translation>Nhấn Ctrl+Z trong cửa sổ chính để khôi phục.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 set for %n article(s).</source>
        <translation>
            <numerusform>Đã đặt %1 cho %n bài báo.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import attributes</source>
        <translation>Nhập thuộc tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Tệp CSV (*.csv *.tsv *.txt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing %1…</source>
        <translation>Đang nhập %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1: %n row(s) read</source>
        <translation>
            <numerusform>%1: đã đọc %n dòng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>values changed for %n article(s)</source>
        <translation>
            <numerusform>đã thay đổi giá trị của %n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new attributes: %1</source>
        <translation>thuộc tính mới: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was imported</source>
        <translation>Không nhập được gì</translation>
    </message>
</context>
<context>
    <name>AutoBackups</name>
    <message>
        <location filename="../../desktop_app/ui/window/auto_backups.py" line="+107"/>
        <source>Automatic backup failed: %1</source>
        <translation>Sao lưu tự động thất bại: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Backing up the library…</source>
        <translation>Đang sao lưu thư viện…</translation>
    </message>
</context>
<context>
    <name>BackgroundJobs</name>
    <message>
        <location filename="../../desktop_app/ui/window/jobs.py" line="+62"/>
        <location line="+16"/>
        <source>Export failed</source>
        <translation>Xuất không thành công</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Exporting to {path}: {done} of {total} articles</source>
        <translation>Đang xuất ra {path}: {done}/{total} bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting to {path}…</source>
        <translation>Đang xuất ra {path}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+39"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Stop the export; no file is written ({unit} so far are dropped)</source>
        <translation>Dừng xuất; không có tệp nào được ghi (các {unit} đã xử lý đến giờ sẽ bị bỏ)</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+9"/>
        <source>Nothing was imported</source>
        <translation>Không nhập được gì</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Importing annotations: {done} of {total}</source>
        <translation>Đang nhập chú giải: {done}/{total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing annotations from {path}…</source>
        <translation>Đang nhập chú giải từ {path}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the annotation import</source>
        <translation>Dừng nhập chú giải</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/restore_dialog.py" line="+50"/>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Made</source>
        <translation>Cách tạo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Articles</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on closing</source>
        <translation>khi đóng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>while working</source>
        <translation>trong khi làm việc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by hand</source>
        <translation>thủ công</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>before a restore</source>
        <translation>trước khi khôi phục</translation>
    </message>
</context>
<context>
    <name>CheckLibraryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/check_dialog.py" line="+146"/>
        <location line="+34"/>
        <source>Check library</source>
        <translation>Kiểm tra thư viện</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Checking %1…</source>
        <translation>Đang kiểm tra %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check report</source>
        <translation>Báo cáo kiểm tra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repair</source>
        <translation>Sửa chữa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy report</source>
        <translation>Sao chép báo cáo</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The library is read-only: it cannot be repaired here.</source>
        <translation>Thư viện chỉ đọc: không thể sửa chữa ở đây.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Library repaired</source>
        <translation>Đã sửa chữa thư viện</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The library could not be checked: %1</source>
        <translation>Không kiểm tra được thư viện: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Repairing… (a copy of the library is made first)</source>
        <translation>Đang sửa chữa… (trước tiên sẽ tạo một bản sao của thư viện)</translation>
    </message>
</context>
<context>
    <name>CheckWords</name>
    <message>
        <location line="-156"/>
        <source>SQLite&apos;s integrity check</source>
        <translation>Kiểm tra toàn vẹn của SQLite</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no problem</source>
        <translation>không có vấn đề</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n vấn đề</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Foreign keys (rows whose parent row is gone)</source>
        <translation>Khóa ngoại (các dòng mất dòng cha)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>%n orphaned row(s)</source>
        <translation>
            <numerusform>%n dòng mồ côi</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text that is not valid UTF-8</source>
        <translation>Văn bản không phải UTF-8 hợp lệ</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n giá trị</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search index</source>
        <translation>Chỉ mục tìm kiếm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>agrees with the articles</source>
        <translation>khớp với các bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disagrees with the articles</source>
        <translation>không khớp với các bài báo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>table %1, row %2</source>
        <translation>bảng %1, dòng %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column %1</source>
        <translation>cột %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the row it belongs to is gone</source>
        <translation>dòng cha của nó không còn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text that is not valid UTF-8</source>
        <translation>văn bản không phải UTF-8 hợp lệ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not repaired</source>
        <translation>chưa sửa</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>restored from the article&apos;s original text</source>
        <translation>đã khôi phục từ văn bản gốc của bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restored from the article text</source>
        <translation>đã khôi phục từ văn bản bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the bad bytes replaced by �</source>
        <translation>các byte lỗi được thay bằng �</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row removed</source>
        <translation>đã xóa dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indexes rebuilt</source>
        <translation>đã dựng lại chỉ mục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reset; rebuilt on its next use</source>
        <translation>đã đặt lại; sẽ dựng lại ở lần dùng tới</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No problem found.</source>
        <translation>Không phát hiện vấn đề nào.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>Phát hiện %n vấn đề.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No problem found; nothing was changed.</source>
        <translation>Không phát hiện vấn đề nào; không có gì bị thay đổi.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n problem(s) repaired.</source>
        <translation>
            <numerusform>Đã sửa %1 trên %n vấn đề.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be repaired: restore a backup (File → Restore from backup…).</source>
        <translation>%1 không sửa được: hãy khôi phục một bản sao lưu (Tệp → Khôi phục từ bản sao lưu…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The library as it was before the repair is kept at:</source>
        <translation>Thư viện như trước khi sửa chữa được giữ tại:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Library: %1</source>
        <translation>Thư viện: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What was found:</source>
        <translation>Những gì phát hiện được:</translation>
    </message>
</context>
<context>
    <name>CoderController</name>
    <message>
        <location filename="../../desktop_app/ui/window/coder_controller.py" line="+62"/>
        <source>The current coder: click to choose another (Edit → Coder…)</source>
        <translation>Người mã hóa hiện tại: bấm để chọn người khác (Sửa → Người mã hóa…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coder…</source>
        <translation>Người mã hóa…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keep</source>
        <translation>Giữ nguyên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>Đổi…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coders</source>
        <translation>Người mã hóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every coder&apos;s work</source>
        <translation>Công việc của mọi người mã hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only my work</source>
        <translation>Chỉ công việc của tôi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen coders…</source>
        <translation>Người mã hóa đã chọn…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Blind coding (hide other coders&apos; work)</source>
        <translation>Mã hóa mù (ẩn công việc của người mã hóa khác)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code independently: other coders&apos; highlights and whole-article codes stay hidden until you turn this off</source>
        <translation>Mã hóa độc lập: đoạn đánh dấu và mã toàn bài của người mã hóa khác được ẩn cho đến khi bạn tắt chế độ này</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>You are coding as “%1” (your system user name).</source>
        <translation>Bạn đang mã hóa với tên “%1” (tên người dùng hệ thống của bạn).</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Could not change the coder</source>
        <translation>Không đổi được người mã hóa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Now coding as “%1”</source>
        <translation>Đang mã hóa với tên “%1”</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Show chosen coders</source>
        <translation>Hiện người mã hóa đã chọn</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show the work of:</source>
        <translation>Hiện công việc của:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Coder: %1</source>
        <translation>Người mã hóa: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blind</source>
        <translation>mù</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>others hidden</source>
        <translation>đã ẩn người khác</translation>
    </message>
</context>
<context>
    <name>CoderDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/coder_dialog.py" line="+44"/>
        <source>Coder</source>
        <translation>Người mã hóa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who is coding now? New highlights, whole-article codes and memos are recorded as this coder&apos;s work. The codebook is shared by all coders.</source>
        <translation>Ai đang mã hóa? Đoạn đánh dấu, mã toàn bài và ghi nhớ mới được ghi là công việc của người mã hóa này. Bộ mã dùng chung cho mọi người mã hóa.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Or type the name of a new coder</source>
        <translation>Hoặc nhập tên một người mã hóa mới</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Select the coder to rename.</source>
        <translation>Chọn người mã hóa cần đổi tên.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename coder</source>
        <translation>Đổi tên người mã hóa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
</context>
<context>
    <name>CoderListModel</name>
    <message numerus="yes">
        <location line="-76"/>
        <source>%1 — %n highlight(s)</source>
        <translation>
            <numerusform>%1 — %n đoạn đánh dấu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_table.py" line="+33"/>
        <source>Left context</source>
        <translation>Ngữ cảnh trái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyword</source>
        <translation>Từ khóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right context</source>
        <translation>Ngữ cảnh phải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>Bài viết</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Article %1: %2</source>
        <translation>Bài viết %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Matched by syllables: this article&apos;s word segmentation is not finished.</source>
        <translation>Khớp theo âm tiết: bài viết này chưa được tách từ xong.</translation>
    </message>
</context>
<context>
    <name>ConcordanceWindow</name>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_window.py" line="+94"/>
        <source>Concordance</source>
        <translation>Từ trong ngữ cảnh</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_form.py" line="+63"/>
        <source>A word or phrase: cán bộ, or can bo without diacritics</source>
        <translation>Một từ hoặc cụm từ: cán bộ, hoặc can bo không dấu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concordance query</source>
        <translation>Từ cần tra trong ngữ cảnh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load all lines</source>
        <translation>Tải tất cả các dòng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Word before</source>
        <translation>Từ đứng trước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyword</source>
        <translation>Từ khóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word after</source>
        <translation>Từ đứng sau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article order</source>
        <translation>Thứ tự bài viết</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag selected lines…</source>
        <translation>Gắn nhãn các dòng đã chọn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight the keyword of every selected line with tags</source>
        <translation>Đánh dấu từ khóa của mỗi dòng đã chọn và gắn nhãn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sort by</source>
        <translation>Sắp xếp theo</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose No diacritics to find every spelling.</source>
        <translation>Chọn Bỏ dấu để tìm mọi cách viết.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing the first %1 lines, the most one list holds; Export writes every line.</source>
        <translation>Đang hiện %1 dòng đầu, nhiều nhất một danh sách chứa được; Xuất sẽ ghi mọi dòng.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%Ln line(s) found before you stopped; Load all lines to see the rest.</source>
        <translation>Đã tìm thấy %Ln dòng trước khi bạn dừng; chọn Tải mọi dòng để xem phần còn lại.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_window.py" line="+60"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading every line…</source>
        <translation>Đang tải mọi dòng…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Sorting…</source>
        <translation>Đang sắp xếp…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_actions.py" line="+77"/>
        <source>Tags for the selected line</source>
        <translation>Nhãn cho dòng đã chọn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags for %1 selected lines</source>
        <translation>Nhãn cho %1 dòng đã chọn</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+12"/>
        <source>Exporting to %1…</source>
        <translation>Đang xuất ra %1…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_window.py" line="+73"/>
        <source>The concordance failed: %1</source>
        <translation>Không tra được từ trong ngữ cảnh: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_actions.py" line="+15"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_form.py" line="-15"/>
        <source>Type a word or phrase and press Enter. Diacritics are optional.</source>
        <translation>Gõ một từ hoặc cụm từ rồi nhấn Enter. Có dấu hay không dấu đều được.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No line matches “%1”.</source>
        <translation>Không có dòng nào khớp với “%1”.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Showing the first %1 of %2 lines.</source>
        <translation>Đang hiển thị %1 dòng đầu trong số %2 dòng.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing the first %1 lines; more in up to %2 articles.</source>
        <translation>Đang hiện %1 dòng đầu tiên; còn nữa trong tối đa %2 bài viết.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 line</source>
        <translation>1 dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 lines</source>
        <translation>%1 dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 article</source>
        <translation>1 bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 articles</source>
        <translation>%1 bài viết</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 line matched by syllables: segmentation of its article is not finished.</source>
        <translation>1 dòng khớp theo âm tiết: bài viết chứa dòng này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 lines matched by syllables: segmentation of those articles is not finished.</source>
        <translation>%1 dòng khớp theo âm tiết: các bài viết chứa những dòng này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tools/concordance_actions.py" line="-6"/>
        <source>Exported %Ln line(s) to %1</source>
        <translation>Đã xuất %Ln dòng ra %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>CSV, comma-separated (*.csv)</source>
        <translation>CSV, phân cách bằng dấu phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel with decimal commas, semicolon-separated (*.csv)</source>
        <translation>CSV cho Excel dùng dấu phẩy thập phân, phân cách bằng dấu chấm phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the concordance</source>
        <translation>Xuất từ trong ngữ cảnh</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/conflict_dialog.py" line="+56"/>
        <source>Changed by another coder</source>
        <translation>Người mã hóa khác đã thay đổi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1&apos;s version</source>
        <translation>Phiên bản của %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their version</source>
        <translation>Phiên bản của họ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your version</source>
        <translation>Phiên bản của bạn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep theirs</source>
        <translation>Giữ bản của họ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use mine</source>
        <translation>Dùng bản của tôi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save your version over theirs</source>
        <translation>Lưu phiên bản của bạn đè lên bản của họ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy mine</source>
        <translation>Chép bản của tôi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy your version to the clipboard</source>
        <translation>Chép phiên bản của bạn vào bộ nhớ tạm</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copied</source>
        <translation>Đã chép</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/merge_conflicts.py" line="+36"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What differs</source>
        <translation>Khác biệt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Here</source>
        <translation>Ở đây</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the file</source>
        <translation>Trong tệp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Take the file&apos;s</source>
        <translation>Lấy của tệp</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>colour</source>
        <translation>màu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>description</source>
        <translation>mô tả</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>name (renamed? %n highlight(s) carry both)</source>
        <translation>
            <numerusform>tên (đổi tên? %n đoạn đánh dấu mang cả hai)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
</context>
<context>
    <name>DamagedLibraryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/damaged_library.py" line="+44"/>
        <source>%1 cannot open its library</source>
        <translation>%1 không mở được thư viện</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check and repair it (a copy is kept first), restore one of its automatic backups, or start a new, empty library. Nothing is deleted: a damaged file that is replaced is kept beside it under a new name.</source>
        <translation>Kiểm tra và sửa chữa (trước đó giữ một bản sao), khôi phục một bản sao lưu tự động, hoặc bắt đầu một thư viện mới, trống. Không có gì bị xóa: tệp hỏng bị thay thế sẽ được giữ lại bên cạnh dưới tên mới.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+28"/>
        <source>Check and repair</source>
        <translation>Kiểm tra và sửa chữa</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Restore a backup…</source>
        <translation>Khôi phục bản sao lưu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new library</source>
        <translation>Bắt đầu thư viện mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This library has no automatic backup.</source>
        <translation>Thư viện này không có bản sao lưu tự động nào.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Checking and repairing… (a copy of the library is made first)</source>
        <translation>Đang kiểm tra và sửa chữa… (trước tiên sẽ tạo một bản sao của thư viện)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not everything could be repaired (see below). Restore a backup, or start a new library; the repaired file is kept either way.</source>
        <translation>Không sửa được hết (xem bên dưới). Hãy khôi phục một bản sao lưu hoặc bắt đầu thư viện mới; dù chọn cách nào, tệp đã sửa vẫn được giữ lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The library could not even be read to check it: %1 Restore a backup, or start a new library.</source>
        <translation>Thậm chí không đọc được thư viện để kiểm tra: %1 Hãy khôi phục một bản sao lưu hoặc bắt đầu thư viện mới.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the backup of %1</source>
        <translation>bản sao lưu lúc %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put %1 in place of the library?

The damaged library is kept beside it, renamed to %2.damaged-&lt;date&gt;%3.</source>
        <translation>Đặt %1 thay cho thư viện?

Thư viện hỏng được giữ lại bên cạnh, đổi tên thành %2.damaged-&lt;ngày&gt;%3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore failed</source>
        <translation>Khôi phục thất bại</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The library was restored from %1.</source>
        <translation>Đã khôi phục thư viện từ %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The damaged library is kept at:</source>
        <translation>Thư viện hỏng được giữ tại:</translation>
    </message>
</context>
<context>
    <name>DictionaryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/dictionary_dialog.py" line="+28"/>
        <source>Dictionary</source>
        <translation>Từ điển</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names and terms of your project that word segmentation keeps as one word (&quot;Trương Thị Mai&quot;, &quot;Ban Tổ chức Trung ương&quot;): one a line, at least two syllables. Articles that contain a changed term are segmented again in the background.</source>
        <translation>Tên riêng và thuật ngữ trong dự án mà bước tách từ giữ nguyên thành một từ (&quot;Trương Thị Mai&quot;, &quot;Ban Tổ chức Trung ương&quot;): mỗi dòng một mục, ít nhất hai âm tiết. Các bài báo chứa thuật ngữ bị thay đổi sẽ được tách từ lại ở chế độ nền.</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n term(s)</source>
        <translation>
            <numerusform>%n thuật ngữ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n duplicate(s) will be merged</source>
        <translation>
            <numerusform>%n mục trùng sẽ được gộp</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line {0}: &quot;{1}&quot; has one syllable; a term needs at least two.</source>
        <translation>Dòng {0}: &quot;{1}&quot; chỉ có một âm tiết; thuật ngữ cần ít nhất hai.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {0}: too long for a term.</source>
        <translation>Dòng {0}: quá dài cho một thuật ngữ.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n more line(s) to fix.</source>
        <translation>
            <numerusform>Còn %n dòng cần sửa.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisagreementsModel</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/disagreements_window.py" line="+58"/>
        <source>Article</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passage</source>
        <translation>Đoạn trích</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gave the tag</source>
        <translation>Đã gán nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Did not</source>
        <translation>Không gắn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consensus</source>
        <translation>Đồng thuận</translation>
    </message>
</context>
<context>
    <name>DisagreementsWindow</name>
    <message>
        <location line="+71"/>
        <source>The coder the decisions go to: an ordinary coder, made when new</source>
        <translation>Người mã hóa nhận các quyết định: một người mã hóa bình thường, được tạo mới nếu chưa có</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Consensus coder:</source>
        <translation>Người mã hóa đồng thuận:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Disagreements on “%1”</source>
        <translation>Bất đồng về “%1”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1”, by %2 · loading…</source>
        <translation>“%1”, của %2 · đang tải…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>“%1”, by %2: %n disagreement(s)</source>
        <translation>
            <numerusform>“%1”, theo %2: %n bất đồng</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The disagreements could not be listed: %1</source>
        <translation>Không liệt kê được các bất đồng: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Consensus</source>
        <translation>Đồng thuận</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1&apos;s version</source>
        <translation>Phiên bản của %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept %1 (%2)</source>
        <translation>Nhận của %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept all (A)</source>
        <translation>Chấp nhận tất cả (A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accept both (A)</source>
        <translation>Nhận cả hai (A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neither (0)</source>
        <translation>Không bên nào (0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous (P)</source>
        <translation>Trước (P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next (N)</source>
        <translation>Tiếp (N)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The whole article is coded “%1”.</source>
        <translation>Toàn bài được mã hóa “%1”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No “%1” here.</source>
        <translation>Không có “%1” ở đây.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>neither</source>
        <translation>không ai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 takes %2&apos;s version.</source>
        <translation>%1 lấy phiên bản của %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no “%2” here.</source>
        <translation>%1 không có “%2” ở đây.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop_app/ui/errors.py" line="+64"/>
        <source>Details were written to {path}.</source>
        <translation>Chi tiết đã được ghi vào {path}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something went wrong: {error}</source>
        <translation>Đã xảy ra lỗi: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your highlights and notes are saved; you can keep working.</source>
        <translation>Các đoạn đánh dấu và ghi chú của bạn đã được lưu; bạn có thể tiếp tục làm việc.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy details</source>
        <translation>Sao chép chi tiết</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open log folder</source>
        <translation>Mở thư mục nhật ký</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/export_dialog.py" line="+44"/>
        <source>CSV, one row per highlight</source>
        <translation>CSV, mỗi đoạn đánh dấu một dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, one row per highlight × tag (pivot tables)</source>
        <translation>CSV, mỗi cặp đoạn đánh dấu × nhãn một dòng (cho PivotTable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codebook CSV (tags, descriptions, counts)</source>
        <translation>Bộ mã CSV (nhãn, mô tả, số lần dùng)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (highlights, codebook, articles)</source>
        <translation>Sổ làm việc Excel (đoạn đánh dấu, bộ mã, bài viết)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W3C Web Annotation JSON-LD</source>
        <translation>W3C Web Annotation JSON-LD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)</source>
        <translation>Dự án REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REFI-QDA codebook</source>
        <translation>Bộ mã REFI-QDA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoNLL BIO tokens for sequence taggers</source>
        <translation>Token CoNLL BIO cho bộ gán nhãn chuỗi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>highlights</source>
        <translation>đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rows</source>
        <translation>dòng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotations</source>
        <translation>chú giải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>codes</source>
        <translation>mã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export annotations</source>
        <translation>Xuất chú giải</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The open article: {title}</source>
        <translation>Bài đang mở: {title}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The %n selected article(s)</source>
        <translation>
            <numerusform>%n bài báo đã chọn</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Coders</source>
        <translation>Người mã hóa</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Positions count code points, as REFI-QDA 1.5 specifies; choose UTF-16 code units for a file meant for NVivo.</source>
        <translation>Vị trí được tính theo code point, như REFI-QDA 1.5 quy định; chọn đơn vị mã UTF-16 cho tệp dùng với NVivo.</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>All articles</source>
        <translation>Tất cả bài viết</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Highlights of</source>
        <translation>Đoạn đánh dấu của</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every tag</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the tag</source>
        <translation>Chỉ nhãn</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Comma (,)</source>
        <translation>Dấu phẩy (,)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semicolon (;) — Excel with decimal commas</source>
        <translation>Dấu chấm phẩy (;) — cho Excel dùng dấu phẩy thập phân</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separator</source>
        <translation>Dấu phân cách</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code points (REFI-QDA standard)</source>
        <translation>Code point (chuẩn REFI-QDA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-16 code units, for NVivo</source>
        <translation>Đơn vị mã UTF-16, cho NVivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NVivo counts an emoji as two positions; other tools, and REFI-QDA, as one.</source>
        <translation>NVivo tính một emoji là hai vị trí; các công cụ khác và REFI-QDA tính là một.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Columns</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>UTF-8 with BOM: Excel, LibreOffice, R and pandas read Vietnamese intact.</source>
        <translation>UTF-8 có BOM: Excel, LibreOffice, R và pandas đọc đúng tiếng Việt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles not yet segmented are segmented during the export.</source>
        <translation>Các bài chưa tách từ sẽ được tách từ trong lúc xuất.</translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/jobs.py" line="+108"/>
        <source>CSV, comma-separated (*.csv)</source>
        <translation>CSV, phân cách bằng dấu phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel with decimal commas, semicolon-separated (*.csv)</source>
        <translation>CSV cho Excel với dấu phẩy thập phân, phân cách bằng dấu chấm phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Sổ làm việc Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The folder %1 does not exist.</source>
        <translation>Thư mục %1 không tồn tại.</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <location filename="../../desktop_app/ui/window/file_controller.py" line="+43"/>
        <source>Import articles</source>
        <translation>Nhập bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles (*.txt *.md *.html *.htm *.docx);;All files (*)</source>
        <translation>Bài viết (*.txt *.md *.html *.htm *.docx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a folder of articles</source>
        <translation>Nhập một thư mục bài viết</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Export annotations</source>
        <translation>Xuất chú giải</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Import annotations</source>
        <translation>Nhập chú giải</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Exported %1 to %2</source>
        <translation>Đã xuất %1 ra %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{path} was written. Worth knowing:</source>
        <translation>Đã ghi {path}. Lưu ý:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported, with a warning</source>
        <translation>Đã xuất, kèm cảnh báo</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln highlight(s)</source>
        <translation>
            <numerusform>%Ln đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln dòng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln tag(s)</source>
        <translation>
            <numerusform>%Ln nhãn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>%Ln chú thích</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln code(s)</source>
        <translation>
            <numerusform>%Ln mã</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Annotation files (*.csv *.json *.jsonld *.qdpx *.qdc);;All files (*)</source>
        <translation>Tệp chú thích (*.csv *.json *.jsonld *.qdpx *.qdc);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Annotations imported</source>
        <translation>Đã nhập chú giải</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back up the library</source>
        <translation>Sao lưu thư viện</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Backup failed</source>
        <translation>Sao lưu không thành công</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not write {path}: {error}</source>
        <translation>Không ghi được {path}: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Library backed up to {path}</source>
        <translation>Đã sao lưu thư viện vào {path}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop_app/ui/reader/find_bar.py" line="+23"/>
        <location line="+1"/>
        <source>Find in this article</source>
        <translation>Tìm trong bài này</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Kết quả trước (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next match (Enter)</source>
        <translation>Kết quả sau (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No match</source>
        <translation>Không tìm thấy</translation>
    </message>
</context>
<context>
    <name>FrequencyModel</name>
    <message>
        <location filename="../../desktop_app/ui/tools/frequency_model.py" line="+31"/>
        <source>Rank</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count</source>
        <translation>Số lần</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles</source>
        <translation>Số bài</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per 10,000 words</source>
        <translation>Trên 10.000 từ</translation>
    </message>
</context>
<context>
    <name>FrequencyWindow</name>
    <message>
        <location filename="../../desktop_app/ui/tools/frequency_window.py" line="+76"/>
        <source>Word frequencies</source>
        <translation>Tần suất từ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Whole library</source>
        <translation>Cả thư viện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open article</source>
        <translation>Bài viết đang mở</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One tag:</source>
        <translation>Một nhãn:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave out stop words</source>
        <translation>Bỏ qua từ dừng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit stop words…</source>
        <translation>Sửa danh sách từ dừng…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compound words only</source>
        <translation>Chỉ từ ghép</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only words of two syllables or more (cán bộ, tổ chức)</source>
        <translation>Chỉ những từ có từ hai âm tiết trở lên (cán bộ, tổ chức)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a word in the list</source>
        <translation>Tìm một từ trong danh sách</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Double-click a word to see it in context</source>
        <translation>Bấm đúp vào một từ để xem từ đó trong ngữ cảnh</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count words in</source>
        <translation>Đếm từ trong</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>(no tags yet)</source>
        <translation>(chưa có nhãn)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+63"/>
        <source>Counting words…</source>
        <translation>Đang đếm từ…</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>CSV, comma-separated (*.csv)</source>
        <translation>CSV, phân cách bằng dấu phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel with decimal commas, semicolon-separated (*.csv)</source>
        <translation>CSV cho Excel dùng dấu phẩy thập phân, phân cách bằng dấu chấm phẩy (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export word frequencies</source>
        <translation>Xuất tần suất từ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>an unexpected error (see the log)</source>
        <translation>một lỗi ngoài dự kiến (xem nhật ký)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Counting failed: %1</source>
        <translation>Không đếm được: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No article is open.</source>
        <translation>Chưa mở bài viết nào.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No tag yet: highlight some text with a tag first.</source>
        <translation>Chưa có nhãn: hãy đánh dấu một đoạn văn và gắn nhãn trước.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 word</source>
        <translation>1 từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 words</source>
        <translation>%1 từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 article</source>
        <translation>1 bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 articles</source>
        <translation>%1 bài viết</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln different word(s) listed</source>
        <translation>
            <numerusform>Đã liệt kê %Ln từ khác nhau</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Exported %Ln word(s)</source>
        <translation>
            <numerusform>Đã xuất %Ln từ</numerusform>
        </translation>
    </message>
    <message>
        <location line="-9"/>
        <source>1 article counted by syllables: its word segmentation is not finished.</source>
        <translation>1 bài viết được đếm theo âm tiết: bài này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 articles counted by syllables: their word segmentation is not finished.</source>
        <translation>%1 bài viết được đếm theo âm tiết: các bài này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/heatmap.py" line="+110"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no value)</source>
        <translation>(không có giá trị)</translation>
    </message>
</context>
<context>
    <name>HighlightCard</name>
    <message>
        <location filename="../../desktop_app/ui/panel/cards.py" line="+228"/>
        <source>%1 (another coder)</source>
        <translation>%1 (người mã hóa khác)</translation>
    </message>
</context>
<context>
    <name>HighlightController</name>
    <message>
        <location filename="../../desktop_app/ui/window/highlight_controller.py" line="+53"/>
        <location line="+112"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Select some text in the article first.</source>
        <translation>Hãy chọn một đoạn văn trong bài trước.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+26"/>
        <source>Could not highlight</source>
        <translation>Không đánh dấu được</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Highlight saved</source>
        <translation>Đã lưu đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Highlight re-attached</source>
        <translation>Đã gắn lại đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select text, or a highlight, to apply “{tag}”.</source>
        <translation>Hãy chọn một đoạn văn hoặc một đoạn đánh dấu để gắn nhãn “{tag}”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no tag number %1 yet.</source>
        <translation>Chưa có nhãn số %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove a tag</source>
        <translation>Bỏ một nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this tag from the selected highlights:</source>
        <translation>Bỏ nhãn này khỏi các đoạn đánh dấu đã chọn:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Could not delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Highlight deleted — Undo (%1)</source>
        <translation>Đã xóa đoạn đánh dấu — Hoàn tác (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n highlight(s) deleted — Undo (%1)</source>
        <translation>
            <numerusform>Đã xóa %n đoạn đánh dấu — Hoàn tác (%1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No highlight at the cursor.</source>
        <translation>Không có đoạn đánh dấu nào tại con trỏ.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Highlight %1 of %2 here</source>
        <translation>Đoạn đánh dấu %1 trên %2 tại đây</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a highlight first.</source>
        <translation>Hãy chọn một đoạn đánh dấu trước.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No more words that way.</source>
        <translation>Không còn từ nào theo hướng đó.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The highlight cannot get any shorter.</source>
        <translation>Đoạn đánh dấu không thể ngắn hơn nữa.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Highlight: “%1”</source>
        <translation>Đoạn đánh dấu: “%1”</translation>
    </message>
</context>
<context>
    <name>HighlightEditor</name>
    <message>
        <location filename="../../desktop_app/ui/panel/highlight_editor.py" line="+37"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write a note about this passage…</source>
        <translation>Viết ghi chú cho đoạn này…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit tags…</source>
        <translation>Sửa nhãn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete highlight</source>
        <translation>Xóa đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1&apos;s highlight: your changes are made to their work.</source>
        <translation>Đoạn đánh dấu của %1: thay đổi của bạn sẽ áp dụng vào công việc của người đó.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../desktop_app/ui/window/import_job.py" line="+42"/>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The files will be imported after the current import.</source>
        <translation>Các tệp sẽ được nhập sau khi lượt nhập hiện tại xong.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The import stopped: %1</source>
        <translation>Việc nhập đã dừng: %1</translation>
    </message>
</context>
<context>
    <name>ImportStatus</name>
    <message>
        <location line="-119"/>
        <source>Cancel import</source>
        <translation>Hủy nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the current file; files already imported are kept</source>
        <translation>Dừng sau tệp hiện tại; các tệp đã nhập vẫn được giữ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing %1 of %2 files</source>
        <translation>Đang nhập %1/%2 tệp</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping the import…</source>
        <translation>Đang dừng việc nhập…</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <location line="+11"/>
        <source>Updated (the file changed since it was imported):</source>
        <translation>Đã cập nhật (tệp đã thay đổi kể từ lúc nhập):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported, but check these (how the file was read):</source>
        <translation>Đã nhập, nhưng hãy kiểm tra những điểm sau (cách tệp được đọc):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not imported:</source>
        <translation>Không nhập được:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already in the library (same text):</source>
        <translation>Đã có trong thư viện (trùng văn bản):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import finished</source>
        <translation>Đã nhập xong</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy list</source>
        <translation>Sao chép danh sách</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../desktop_app/ui/window/language_menu.py" line="+20"/>
        <source>Interface language</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The interface will be in %1 from the next start of Chú Giải.</source>
        <translation>Giao diện sẽ dùng %1 từ lần mở Chú Giải tiếp theo.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <location filename="../../desktop_app/ui/i18n.py" line="+40"/>
        <source>System default</source>
        <translation>Theo hệ thống</translation>
    </message>
</context>
<context>
    <name>LibraryFilters</name>
    <message>
        <location filename="../../desktop_app/ui/library/filters.py" line="+39"/>
        <source>Sort articles</source>
        <translation>Sắp xếp bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest first</source>
        <translation>Mới nhất trước</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Oldest first</source>
        <translation>Cũ nhất trước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title A–Z</source>
        <translation>Tiêu đề A–Z</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+30"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Filter by source, date, tag, annotations or attributes</source>
        <translation>Lọc theo nguồn, ngày, nhãn, chú giải hoặc thuộc tính</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every article</source>
        <translation>Hiện mọi bài viết</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All articles</source>
        <translation>Tất cả bài viết</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>With highlights</source>
        <translation>Có đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without highlights</source>
        <translation>Chưa có đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published on or after</source>
        <translation>Đăng từ ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published on or before</source>
        <translation>Đăng đến ngày</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+15"/>
        <source>Where</source>
        <translation>Điều kiện</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Articles whose attributes match, e.g. outlet = PLVN or year ≥ 2023</source>
        <translation>Các bài báo có thuộc tính khớp, ví dụ outlet = PLVN hoặc year ≥ 2023</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Any</source>
        <translation>Bất kỳ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All sources</source>
        <translation>Mọi nguồn</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any tag</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>Filters (%n)</source>
        <translation>
            <numerusform>Bộ lọc (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filters</source>
        <translation>Bộ lọc</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <location filename="../../desktop_app/ui/library/pane.py" line="+47"/>
        <source>Search all articles (diacritics optional)</source>
        <translation>Tìm mọi bài (không dấu cũng được)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search all articles</source>
        <translation>Tìm trong mọi bài viết</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Delete articles…</source>
        <translation>Xóa bài báo…</translation>
    </message>
    <message numerus="yes">
        <location line="+100"/>
        <source>Delete %n article(s)…</source>
        <translation>
            <numerusform>Xóa %n bài báo…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>matching article</source>
        <translation>bài viết khớp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>matching articles</source>
        <translation>bài viết khớp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No article matches “%1”.</source>
        <translation>Không có bài viết nào khớp với “%1”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>article</source>
        <translation>bài viết</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>articles</source>
        <translation>bài viết</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 articles</source>
        <translation>%1/%2 bài viết</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm không thành công: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/window/main_window.py" line="+126"/>
        <source>Read-only library: changes cannot be saved</source>
        <translation>Thư viện chỉ đọc: không thể lưu thay đổi</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>About Chú Giải</source>
        <translation>Giới thiệu Chú Giải</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Word segmentation up to date</source>
        <translation>Đã tách từ xong</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Word segmentation paused</source>
        <translation>Đã tạm dừng tách từ</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Could not undo</source>
        <translation>Không thể hoàn tác</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>&lt;b&gt;Chú Giải {version}&lt;/b&gt;&lt;p&gt;Read, highlight and tag Vietnamese news articles.&lt;/p&gt;&lt;p&gt;Word segmentation by underthesea. Free software under the GNU GPL v3 or later.&lt;/p&gt;&lt;p&gt;Library: {path}&lt;/p&gt;</source>
        <translation>&lt;b&gt;Chú Giải {version}&lt;/b&gt;&lt;p&gt;Đọc, đánh dấu và gắn nhãn các bài báo tiếng Việt.&lt;/p&gt;&lt;p&gt;Tách từ bằng underthesea. Phần mềm tự do theo giấy phép GNU GPL phiên bản 3 trở lên.&lt;/p&gt;&lt;p&gt;Thư viện: {path}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window/menus.py" line="+21"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window/actions.py" line="+148"/>
        <source>The new number of segmentation processes is used from the next start.</source>
        <translation>Số tiến trình tách từ mới sẽ được dùng từ lần khởi động sau.</translation>
    </message>
</context>
<context>
    <name>MatchLevelButton</name>
    <message>
        <location filename="../../desktop_app/ui/common/match_level.py" line="+74"/>
        <source>Exact: as written, case included</source>
        <translation>Chính xác: đúng như viết, phân biệt hoa thường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same word: also hòa = hoà, khỏe = khoẻ, any case</source>
        <translation>Cùng từ: coi hòa = hoà, khỏe = khoẻ, không phân biệt hoa thường</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No diacritics: every mark and đ/d ignored</source>
        <translation>Bỏ dấu: bỏ qua mọi dấu và đ/d</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chosen by itself from the query until you pick one</source>
        <translation>Tự chọn theo truy vấn cho đến khi bạn chọn một mức</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Matching: %1 (click to change)</source>
        <translation>So khớp: %1 (bấm để đổi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching: %1</source>
        <translation>So khớp: %1</translation>
    </message>
</context>
<context>
    <name>MatchLevelCombo</name>
    <message>
        <location line="-81"/>
        <source>Exact</source>
        <translation>Chính xác</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same word</source>
        <translation>Cùng từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No diacritics</source>
        <translation>Bỏ dấu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matching</source>
        <translation>Cách khớp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact: as written, case included.
Same word: also hòa = hoà, khỏe = khoẻ, thủy = thuỷ, quí = quý, any case; thủy ≠ thụy.
No diacritics: every mark and đ/d ignored (dang finds Đảng, đang, đáng).
Chosen by itself from the query until you pick one.</source>
        <translation>Chính xác: đúng như viết, phân biệt hoa thường.
Cùng từ: coi hòa = hoà, khỏe = khoẻ, thủy = thuỷ, quí = quý, không phân biệt hoa thường; thủy ≠ thụy.
Bỏ dấu: bỏ qua mọi dấu và đ/d (dang tìm ra Đảng, đang, đáng).
Tự chọn theo truy vấn cho đến khi bạn chọn một mức.</translation>
    </message>
</context>
<context>
    <name>MatrixForm</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/matrix_form.py" line="+31"/>
        <source>Tags × attribute values</source>
        <translation>Nhãn × giá trị thuộc tính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags × articles</source>
        <translation>Nhãn × bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag × tag (co-occurrence)</source>
        <translation>Nhãn × nhãn (đồng xuất hiện)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coded passages</source>
        <translation>Đoạn trích đã mã hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles coded</source>
        <translation>Bài báo đã mã hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the text coded</source>
        <translation>Tỷ lệ văn bản đã mã hóa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passages overlap</source>
        <translation>Đoạn trích chồng lên nhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the same sentence</source>
        <translation>Trong cùng một câu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the same paragraph</source>
        <translation>Trong cùng một đoạn văn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within N words</source>
        <translation>Cách nhau không quá N từ</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+17"/>
        <source>Table</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Attribute of the columns</source>
        <translation>Thuộc tính cho các cột</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What a cell counts</source>
        <translation>Ô đếm gì</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coded passages (a whole-article code counts as one); articles coded with the tag; or the share of the column&apos;s text the tag covers</source>
        <translation>Số đoạn trích đã mã hóa (mã toàn bài tính là một); số bài báo được mã hóa bằng nhãn; hoặc tỷ lệ văn bản của cột mà nhãn bao phủ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When two passages count as together</source>
        <translation>Khi nào hai đoạn trích được tính là đi cùng nhau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> words</source>
        <translation> từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Words between the passages</source>
        <translation>Số từ giữa các đoạn trích</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many words between the two passages (segmented words)</source>
        <translation>Tối đa bấy nhiêu từ giữa hai đoạn trích (từ đã tách)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tag&apos;s row counts the tags nested under it</source>
        <translation>Dòng của một nhãn tính cả các nhãn con bên dưới</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Columns</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cells</source>
        <translation>Ô</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Together when</source>
        <translation>Đi cùng nhau khi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows: the tags ticked (none: every tag)</source>
        <translation>Dòng: các nhãn được đánh dấu chọn (không chọn: mọi nhãn)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Articles</source>
        <translation>Bài báo</translation>
    </message>
</context>
<context>
    <name>MatrixWindow</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/matrix_window.py" line="+82"/>
        <source>Matrix and co-occurrence</source>
        <translation>Ma trận và đồng xuất hiện</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a cell to see its passages.</source>
        <translation>Bấm vào một ô để xem các đoạn trích của nó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the table to CSV or Excel (with the same colour scale)</source>
        <translation>Ghi bảng ra CSV hoặc Excel (giữ nguyên thang màu)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Counting…</source>
        <translation>Đang đếm…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n nhãn</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pairs of passages: %1</source>
        <translation>cặp đoạn trích: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n article(s) counted by syllables (word segmentation not finished)</source>
        <translation>
            <numerusform>%n bài báo được đếm theo âm tiết (chưa tách từ xong)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n bài báo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n giá trị</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The table could not be computed: %1</source>
        <translation>Không tính được bảng: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Nothing in this cell.</source>
        <translation>Ô này trống.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%1 × %2 (%3): %n pair(s) of passages</source>
        <translation>
            <numerusform>%1 × %2 (%3): %n cặp đoạn trích</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 × %2: %n passage(s)</source>
        <translation>
            <numerusform>%1 × %2: %n đoạn trích</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>coded as a whole: %1</source>
        <translation>mã hóa toàn bài: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the table</source>
        <translation>Xuất bảng</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Exporting to %1…</source>
        <translation>Đang xuất ra %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>Đã xuất %n dòng ra %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>MemoBox</name>
    <message>
        <location filename="../../desktop_app/ui/panel/memo_box.py" line="+35"/>
        <source>MEMO</source>
        <translation>GHI NHỚ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your thoughts on this article: saved as you type</source>
        <translation>Suy nghĩ của bạn về bài này: được lưu ngay khi gõ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memo on this article</source>
        <translation>Ghi nhớ về bài này</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not saved</source>
        <translation>Chưa lưu được</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Read-only</source>
        <translation>Chỉ đọc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This library is read-only: the memo cannot be changed.</source>
        <translation>Thư viện này chỉ đọc: không thể sửa ghi nhớ.</translation>
    </message>
</context>
<context>
    <name>MergeConflictsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/merge_conflicts.py" line="+37"/>
        <source>Codebook conflicts</source>
        <translation>Xung đột bộ mã</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file} and this library disagree about these tags. For each, keep this library&apos;s version or tick “Take the file&apos;s”. Everything else of the file is merged either way; nothing already here changes unless you tick it.</source>
        <translation>{file} và thư viện này khác nhau về các nhãn sau. Với mỗi nhãn, giữ phiên bản của thư viện này hoặc đánh dấu “Lấy của tệp”. Mọi phần khác của tệp đều được gộp; không có gì đang có ở đây thay đổi trừ khi bạn đánh dấu.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Keep all of mine</source>
        <translation>Giữ toàn bộ của tôi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take all of the file&apos;s</source>
        <translation>Lấy tất cả của tệp</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
</context>
<context>
    <name>NewAttributeDialog</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/attribute_forms.py" line="+51"/>
        <source>New attribute</source>
        <translation>Thuộc tính mới</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Giọng điệu, Số trang, Ngày đăng lại</source>
        <translation>vd. Giọng điệu, Số trang, Ngày đăng lại</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One choice per line, e.g.
Tích cực
Trung tính
Phê phán</source>
        <translation>Mỗi dòng một lựa chọn, vd.
Tích cực
Trung tính
Phê phán</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choices</source>
        <translation>Lựa chọn</translation>
    </message>
</context>
<context>
    <name>OrphanBox</name>
    <message>
        <location filename="../../desktop_app/ui/panel/orphan_box.py" line="+25"/>
        <source>The article&apos;s text changed and these highlights could not be placed with confidence. Select one, select its passage in the text, then re-attach it. Their tags and notes are kept.</source>
        <translation>Văn bản của bài đã thay đổi nên không thể đặt chắc chắn các đoạn đánh dấu này vào đúng chỗ. Hãy chọn một đoạn ở đây, chọn đoạn văn tương ứng trong bài, rồi gắn lại. Nhãn và ghi chú của chúng vẫn được giữ.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Highlights that need re-attaching</source>
        <translation>Đoạn đánh dấu cần gắn lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-attach to selection</source>
        <translation>Gắn lại vào đoạn đã chọn</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>NEEDS RE-ATTACHING (%1)</source>
        <translation>CẦN GẮN LẠI (%1)</translation>
    </message>
</context>
<context>
    <name>PaneLayout</name>
    <message>
        <location filename="../../desktop_app/ui/window/pane_layout.py" line="+69"/>
        <source>Show library</source>
        <translation>Hiện thư viện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the list of articles (F9)</source>
        <translation>Hiện hoặc ẩn danh sách bài báo (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show annotation panel</source>
        <translation>Hiện bảng chú thích</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide tags, highlights, note and memo (Shift+F9)</source>
        <translation>Hiện hoặc ẩn nhãn, đoạn đánh dấu, ghi chú và ghi nhớ (Shift+F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Library</source>
        <translation>Thư viện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotations</source>
        <translation>Chú giải</translation>
    </message>
</context>
<context>
    <name>PassageEdits</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/passage_edits.py" line="+39"/>
        <source>Tags of this passage</source>
        <translation>Nhãn của đoạn trích này</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n đoạn trích</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Tags of %n passage(s)</source>
        <translation>
            <numerusform>Nhãn của %n đoạn trích</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Delete the highlight “%1” and its note?</source>
        <translation>Xoá đoạn đánh dấu “%1” và ghi chú của nó?</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Delete %n highlight(s) and their notes?</source>
        <translation>
            <numerusform>Xoá %n đoạn đánh dấu và các ghi chú của chúng?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo (Ctrl+Z in the main window) brings them back.</source>
        <translation>Hoàn tác (Ctrl+Z trong cửa sổ chính) sẽ khôi phục chúng.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete passages</source>
        <translation>Xoá đoạn trích</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
</context>
<context>
    <name>PassageFilters</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/passages_form.py" line="+29"/>
        <source>Any of the tags</source>
        <translation>Bất kỳ nhãn nào</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All of them on the same passage</source>
        <translation>Tất cả trên cùng một đoạn trích</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passages that overlap</source>
        <translation>Các đoạn trích chồng lên nhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the same sentence</source>
        <translation>Trong cùng một câu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the same paragraph</source>
        <translation>Trong cùng một đoạn văn</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>How the tags combine</source>
        <translation>Cách kết hợp các nhãn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With two or more tags: a passage of any of them; one passage carrying all; passages of the tags that overlap; or that share a sentence or a paragraph</source>
        <translation>Với hai nhãn trở lên: đoạn trích có bất kỳ nhãn nào; một đoạn trích mang tất cả các nhãn; các đoạn trích của các nhãn chồng lên nhau; hoặc nằm chung một câu hay một đoạn văn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Words in the passage (diacritics optional)</source>
        <translation>Từ trong đoạn trích (không bắt buộc dấu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Words in the passage</source>
        <translation>Từ trong đoạn trích</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Articles</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Text</source>
        <translation>Văn bản</translation>
    </message>
</context>
<context>
    <name>PassagePreview</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/passages_model.py" line="+290"/>
        <source>The passage in its sentence</source>
        <translation>Đoạn trích trong câu chứa nó</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Note: </source>
        <translation>Ghi chú: </translation>
    </message>
</context>
<context>
    <name>PassagesModel</name>
    <message>
        <location line="-263"/>
        <source>Tags</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>Bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlet</source>
        <translation>Tờ báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passage in its sentence</source>
        <translation>Đoạn trích trong câu chứa nó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Click to sort by this column (the whole list, not only the rows loaded)</source>
        <translation>Nhấp để sắp xếp theo cột này (toàn bộ danh sách, không chỉ các dòng đã tải)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
</context>
<context>
    <name>PassagesWindow</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/passages_window.py" line="+60"/>
        <source>Article (library order)</source>
        <translation>Bài báo (theo thứ tự thư viện)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>Độ dài</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Coded passages</source>
        <translation>Đoạn trích đã mã hoá</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sort passages by</source>
        <translation>Sắp xếp đoạn trích theo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Descending</source>
        <translation>Giảm dần</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sort by</source>
        <translation>Sắp xếp theo</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show the whole question</source>
        <translation>Hiện toàn bộ truy vấn</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open in the reader</source>
        <translation>Mở trong trình đọc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the article at this passage (double-click or Enter)</source>
        <translation>Mở bài báo tại đoạn trích này (nhấp đúp hoặc Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags…</source>
        <translation>Nhãn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the tags of the selected passages (one undoable step)</source>
        <translation>Đổi nhãn của các đoạn trích đã chọn (một bước có thể hoàn tác)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>Xoá…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected passages (Ctrl+Z in the main window undoes it)</source>
        <translation>Xoá các đoạn trích đã chọn (Ctrl+Z trong cửa sổ chính để hoàn tác)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write every passage found, in this order, to CSV or Excel</source>
        <translation>Ghi mọi đoạn trích tìm được, theo thứ tự này, ra CSV hoặc Excel</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Looking…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The question could not be answered: %1</source>
        <translation>Không thể trả lời truy vấn: %1</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Tick one or more tags to see their passages.</source>
        <translation>Chọn một hoặc nhiều nhãn để xem các đoạn trích của chúng.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n đoạn trích</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>in %n article(s)</source>
        <translation>
            <numerusform>trong %n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No passage answers the question.</source>
        <translation>Không có đoạn trích nào khớp với truy vấn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 shown, more load as you scroll</source>
        <translation>Đang hiện %1, cuộn xuống để tải thêm</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the passages</source>
        <translation>Xuất các đoạn trích</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting to %1…</source>
        <translation>Đang xuất ra %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Exported %n passage(s) to %1</source>
        <translation>
            <numerusform>Đã xuất %n đoạn trích ra %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>PosLegend</name>
    <message>
        <location filename="../../desktop_app/ui/reader/pos_legend.py" line="+46"/>
        <source>noun</source>
        <translation>danh từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verb</source>
        <translation>động từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adjective</source>
        <translation>tính từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proper noun</source>
        <translation>danh từ riêng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>số từ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>person</source>
        <translation>người</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>place</source>
        <translation>địa danh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organisation</source>
        <translation>tổ chức</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggested name ({0}): right-click it in the text to accept or reject it</source>
        <translation>Tên gợi ý ({0}): nhấp chuột phải vào tên trong bài để nhận hoặc bỏ gợi ý</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Word colours: parts of speech found by underthesea</source>
        <translation>Màu chữ: từ loại do underthesea xác định</translation>
    </message>
</context>
<context>
    <name>QUndoStack</name>
    <message>
        <location filename="../../desktop_app/ui/window/undo.py" line="+59"/>
        <source>Undo %1</source>
        <translation>Hoàn tác %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo %1</source>
        <translation>Làm lại %1</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../desktop_app/ui/reader/pane.py" line="+44"/>
        <source>Choose an article on the left to start reading.</source>
        <translation>Chọn một bài viết ở cột bên trái để bắt đầu đọc.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No date or source found in this article.</source>
        <translation>Không tìm thấy ngày hay nguồn trong bài này.</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../desktop_app/ui/reader/overlap_marks.py" line="+164"/>
        <source>solid line</source>
        <translation>đường liền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dashed line</source>
        <translation>đường gạch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dotted line</source>
        <translation>đường chấm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wavy line</source>
        <translation>đường lượn sóng</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 highlights here, innermost first</source>
        <translation>%1 đoạn đánh dấu tại đây, trong cùng trước</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no tags)</source>
        <translation>(không có nhãn)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>coded by %1</source>
        <translation>do %1 mã hóa</translation>
    </message>
</context>
<context>
    <name>ReadingSettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/reading_settings.py" line="+39"/>
        <source>Reading settings</source>
        <translation>Cài đặt đọc</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fonts that have every Vietnamese letter</source>
        <translation>Các phông chữ có đủ mọi chữ cái tiếng Việt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Follow the system</source>
        <translation>Theo hệ thống</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Sáng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Tối</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Font:</source>
        <translation>&amp;Phông chữ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Size:</source>
        <translation>&amp;Cỡ chữ:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Line spacing:</source>
        <translation>&amp;Giãn dòng:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme:</source>
        <translation>Giao &amp;diện:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/report_dialog.py" line="+96"/>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+94"/>
        <source>Coding report</source>
        <translation>Báo cáo mã hoá</translation>
    </message>
    <message>
        <location line="-93"/>
        <location line="+21"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Example quotes per tag</source>
        <translation>Trích dẫn mẫu cho mỗi nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+93"/>
        <source>Article memos</source>
        <translation>Ghi nhớ bài báo</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Tables in the report</source>
        <translation>Các bảng trong báo cáo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The codebook with each tag&apos;s description, counts and example quotes, the article memos and the tables ticked below: a web page that opens in any browser and prints, or a PDF.</source>
        <translation>Bộ mã kèm mô tả, số đếm và trích dẫn mẫu của từng nhãn, ghi nhớ bài báo và các bảng được chọn dưới đây: một trang web mở được trong mọi trình duyệt và in được, hoặc một tệp PDF.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Examples per tag</source>
        <translation>Số ví dụ mỗi nhãn</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+75"/>
        <source>Tables</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Matrix cells</source>
        <translation>Ô ma trận</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write HTML…</source>
        <translation>Ghi HTML…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write PDF…</source>
        <translation>Ghi PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open it</source>
        <translation>Mở tệp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Tags × %1</source>
        <translation>Nhãn × %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags × articles (one column per article)</source>
        <translation>Nhãn × bài báo (mỗi bài báo một cột)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co-occurrence: %1</source>
        <translation>Đồng xuất hiện: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Made with Chú Giải on {date}: {articles} articles, {passages} coded passages, {tags} tags.</source>
        <translation>Tạo bằng Chú Giải ngày {date}: {articles} bài báo, {passages} đoạn trích đã mã hoá, {tags} nhãn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codebook</source>
        <translation>Bộ mã</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passages: {passages} · Articles: {articles}</source>
        <translation>Đoạn trích: {passages} · Bài báo: {articles}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coded as a whole: {count} articles</source>
        <translation>Mã hoá cả bài: {count} bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the tags nested under it: {passages} passages · {articles} articles</source>
        <translation>Tính cả các nhãn con: {passages} đoạn trích · {articles} bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Examples</source>
        <translation>Ví dụ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No article has a memo.</source>
        <translation>Không bài báo nào có ghi nhớ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags × {columns}: {count}</source>
        <translation>Nhãn × {columns}: {count}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>articles</source>
        <translation>bài báo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coded passages</source>
        <translation>đoạn trích đã mã hoá</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>articles coded</source>
        <translation>bài báo đã mã hoá</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share of the text coded</source>
        <translation>tỉ lệ văn bản đã mã hoá</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co-occurrence of tags: {within}</source>
        <translation>Đồng xuất hiện của các nhãn: {within}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passages that overlap</source>
        <translation>đoạn trích chồng lên nhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passages in the same sentence</source>
        <translation>đoạn trích trong cùng một câu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passages in the same paragraph</source>
        <translation>đoạn trích trong cùng một đoạn văn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passages within {n} words</source>
        <translation>đoạn trích cách nhau không quá {n} từ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Web page (*.html)</source>
        <translation>Trang web (*.html)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the report</source>
        <translation>Ghi báo cáo</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped: nothing was written.</source>
        <translation>Đã dừng: chưa ghi gì.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report is in %1</source>
        <translation>Báo cáo nằm ở %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write the report: %1</source>
        <translation>Không ghi được báo cáo: %1</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/restore_dialog.py" line="+49"/>
        <source>Restore from backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic backups of the library, newest first. Restoring one replaces everything in the library with it; the library as it is now is kept as a safety copy first.</source>
        <translation>Các bản sao lưu tự động của thư viện, mới nhất trước. Khôi phục một bản sẽ thay toàn bộ thư viện bằng bản đó; thư viện hiện tại được giữ lại trước làm bản dự phòng.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No automatic backup yet: the first is made when the window closes after changes, or after 30 minutes of work.</source>
        <translation>Chưa có bản sao lưu tự động nào: bản đầu tiên được tạo khi đóng cửa sổ sau khi có thay đổi, hoặc sau 30 phút làm việc.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore…</source>
        <translation>Khôi phục…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other file…</source>
        <translation>Tệp khác…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Restore from a backup file</source>
        <translation>Khôi phục từ tệp sao lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chú Giải library (*.sqlite3 *.db);;All files (*)</source>
        <translation>Thư viện Chú Giải (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>ReviewSuggestionsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/review_suggestions.py" line="+39"/>
        <source>Review suggestions</source>
        <translation>Xem xét gợi ý</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The tagger suggests %n %1 name(s) in this article. Uncheck those that are not, then accept the rest as highlights tagged “%2”.</source>
        <translation>
            <numerusform>Bộ gán nhãn gợi ý %n tên %1 trong bài báo này. Bỏ chọn những gợi ý sai, rồi chấp nhận phần còn lại thành đoạn đánh dấu có nhãn “%2”.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggestion</source>
        <translation>Gợi ý</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the text</source>
        <translation>Trong văn bản</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Suggestions to accept</source>
        <translation>Gợi ý cần chấp nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check all</source>
        <translation>Chọn tất cả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncheck all</source>
        <translation>Bỏ chọn tất cả</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Accept %n</source>
        <translation>
            <numerusform>Chấp nhận %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SafetyController</name>
    <message>
        <location filename="../../desktop_app/ui/window/safety.py" line="+118"/>
        <source>Replace everything in the library with this file?</source>
        <translation>Thay toàn bộ thư viện bằng tệp này?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace everything in the library with the backup of %1?</source>
        <translation>Thay toàn bộ thư viện bằng bản sao lưu lúc %1?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace everything in the library with the backup of %1 (%2 articles)?</source>
        <translation>Thay toàn bộ thư viện bằng bản sao lưu lúc %1 (%2 bài báo)?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup:</source>
        <translation>Bản sao lưu:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library as it is now is kept first, as a safety copy:</source>
        <translation>Thư viện hiện tại được giữ lại trước, làm bản dự phòng:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To go back, restore that copy the same way (Other file…).</source>
        <translation>Để quay lại, hãy khôi phục bản đó theo cách tương tự (Tệp khác…).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Restore from backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restoring the library…</source>
        <translation>Đang khôi phục thư viện…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+29"/>
        <source>Restore failed</source>
        <translation>Khôi phục thất bại</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The library was restored.</source>
        <translation>Đã khôi phục thư viện.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library as it was before is kept at:</source>
        <translation>Thư viện trước đó được giữ tại:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Library restored</source>
        <translation>Đã khôi phục thư viện</translation>
    </message>
</context>
<context>
    <name>SafetySettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/safety_settings.py" line="+27"/>
        <source>Data safety</source>
        <translation>An toàn dữ liệu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back up the library automatically</source>
        <translation>Tự động sao lưu thư viện</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A copy when the window closes after changes, and every 30 minutes while you work. The newest %1 are kept, and the last one of each day for %2 days; each is about the size of the library (%3 now). File → Restore from backup… brings one back.</source>
        <translation>Một bản sao khi đóng cửa sổ sau khi có thay đổi, và mỗi 30 phút khi bạn làm việc. Giữ %1 bản mới nhất, cùng bản cuối cùng của mỗi ngày trong %2 ngày; mỗi bản có dung lượng xấp xỉ thư viện (hiện %3). Tệp → Khôi phục từ bản sao lưu… để lấy lại một bản.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No copy yet.</source>
        <translation>Chưa có bản sao nào.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 copy kept now, %1.</source>
        <translation>Hiện giữ 1 bản sao, %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 copies kept now, %2 in all.</source>
        <translation>Hiện giữ %1 bản sao, tổng cộng %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept in:</source>
        <translation>Lưu tại:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic backups</source>
        <translation>Sao lưu tự động</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write every change to the disk at once (synchronous=FULL)</source>
        <translation>Ghi mọi thay đổi xuống đĩa ngay lập tức (synchronous=FULL)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without it, a power cut may lose the last few changes, but never damages the library. With it, nothing saved is lost even then; saving is about a third slower (more on a network folder).</source>
        <translation>Nếu tắt, mất điện có thể làm mất vài thay đổi cuối, nhưng không bao giờ làm hỏng thư viện. Nếu bật, ngay cả khi đó cũng không mất gì đã lưu; việc lưu chậm hơn khoảng một phần ba (nhiều hơn nếu dùng thư mục mạng).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Power failure</source>
        <translation>Mất điện</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The library is read-only: nothing changes, so nothing needs backing up.</source>
        <translation>Thư viện ở chế độ chỉ đọc: không có gì thay đổi nên không cần sao lưu.</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../desktop_app/ui/library/search_results.py" line="+22"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
</context>
<context>
    <name>SegmentationSettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/segmentation_settings.py" line="+31"/>
        <source>Segmentation processes</source>
        <translation>Tiến trình tách từ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Word segmentation and tagging run in the background, in processes of their own, each on one processor core. This computer has %1 cores; the default, %2, leaves one for the window. More processes segment a large corpus sooner; the article you open always goes first. The change takes effect the next time Chú Giải starts.</source>
        <translation>Tách từ và gán nhãn từ loại chạy ngầm, trong các tiến trình riêng, mỗi tiến trình dùng một lõi xử lý. Máy này có %1 lõi; mặc định là %2, để lại một lõi cho cửa sổ. Càng nhiều tiến trình thì một kho văn bản lớn càng sớm được tách từ xong; bài bạn đang mở luôn được ưu tiên trước. Thay đổi có hiệu lực từ lần khởi động Chú Giải sau.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Worker processes:</source>
        <translation>Số tiến trình:</translation>
    </message>
</context>
<context>
    <name>SegmentationStatus</name>
    <message>
        <location filename="../../desktop_app/ui/window/status.py" line="+96"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop word segmentation and tagging (finished articles are kept)</source>
        <translation>Dừng tách từ và gán nhãn (các bài đã xong được giữ lại)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tagging words: {done}/{total} articles</source>
        <translation>Đang gán nhãn từ: {done}/{total} bài</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Segmenting words: {done}/{total} articles</source>
        <translation>Đang tách từ: {done}/{total} bài viết</translation>
    </message>
</context>
<context>
    <name>SegmentationWorker</name>
    <message>
        <location filename="../../desktop_app/ui/workers.py" line="+190"/>
        <source>Word segmentation stopped: {0}</source>
        <translation>Việc tách từ đã dừng: {0}</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Article {0} could not be segmented: {1}</source>
        <translation>Không tách từ được bài {0}: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article {0} could not be tagged: {1}</source>
        <translation>Không phân tích được từ loại và tên riêng của bài {0}: {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} It was restarted.</source>
        <translation>{0} Tiến trình đã được khởi động lại.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>the segmentation process crashed on it twice; skipped</source>
        <translation>tiến trình tách từ bị lỗi hai lần với bài này; đã bỏ qua</translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <location filename="../../desktop_app/ui/window/server_connection.py" line="+60"/>
        <source>Server connection lost — retrying… (read-only)</source>
        <translation>Mất kết nối máy chủ — đang thử lại… (chỉ đọc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you see is read-only until the server returns: an edit made meanwhile is refused and says so, nothing is lost.</source>
        <translation>Những gì bạn thấy chỉ đọc được cho đến khi máy chủ trở lại: thay đổi thực hiện trong lúc này bị từ chối và được báo rõ, không mất gì.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connected again</source>
        <translation>Đã kết nối lại</translation>
    </message>
</context>
<context>
    <name>SetAttributeDialog</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/analysis/attribute_forms.py" line="+115"/>
        <source>Set an attribute for %n article(s)</source>
        <translation>
            <numerusform>Đặt thuộc tính cho %n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every selected article gets this value, in one step (Ctrl+Z undoes it). A new name defines a new attribute.</source>
        <translation>Mọi bài báo đã chọn đều nhận giá trị này, trong một bước (Ctrl+Z để hoàn tác). Tên mới sẽ tạo một thuộc tính mới.</translation>
    </message>
</context>
<context>
    <name>SetAttributeForm</name>
    <message>
        <location line="-75"/>
        <location line="+16"/>
        <source>Attribute</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>An attribute, or a new name</source>
        <translation>Một thuộc tính, hoặc tên mới</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type of the new attribute</source>
        <translation>Kiểu của thuộc tính mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>guessed from the value</source>
        <translation>đoán từ giá trị</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>(empty: remove the value)</source>
        <translation>(để trống: xoá giá trị)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Kiểu</translation>
    </message>
</context>
<context>
    <name>SharedLibrary</name>
    <message>
        <location filename="../../desktop_app/ui/window/shared_library.py" line="+59"/>
        <source>The server of {library} did not accept the password for this user, or needs one. Type the password (ask the server&apos;s administrator if you do not know it).</source>
        <translation>Máy chủ của {library} không chấp nhận mật khẩu của người dùng này, hoặc cần mật khẩu. Hãy nhập mật khẩu (hỏi quản trị viên máy chủ nếu bạn không biết).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server of {library} cannot be reached. It may be down, this computer may be offline, or the address may be mistyped.</source>
        <translation>Không kết nối được với máy chủ của {library}. Máy chủ có thể đang tắt, máy tính này có thể không có mạng, hoặc địa chỉ bị gõ sai.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection said: {detail}</source>
        <translation>Kết nối báo: {detail}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Password kept in the system keyring.</source>
        <translation>Mật khẩu đã được lưu trong kho khóa của hệ thống.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password written to {file} (readable by you only).</source>
        <translation>Mật khẩu đã được ghi vào {file} (chỉ bạn đọc được).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password not remembered</source>
        <translation>Mật khẩu không được ghi nhớ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library is open, but the password could not be kept: {why}. It will be asked for next time.</source>
        <translation>Thư viện đã mở, nhưng không lưu được mật khẩu: {why}. Lần sau sẽ được hỏi lại.</translation>
    </message>
</context>
<context>
    <name>SharedLibraryController</name>
    <message>
        <location line="+18"/>
        <source>Open shared library…</source>
        <translation>Mở thư viện dùng chung…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open my local library</source>
        <translation>Mở thư viện trên máy này</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return to the library kept on this computer</source>
        <translation>Quay lại thư viện lưu trên máy tính này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open recent shared library</source>
        <translation>Mở thư viện dùng chung gần đây</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+23"/>
        <source>Shared: {library}</source>
        <translation>Dùng chung: {library}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This library is kept by its server: ask the server&apos;s administrator for backups and repairs. File → Back up… copies it into a file on this computer.</source>
        <translation>Thư viện này do máy chủ lưu giữ: hãy hỏi quản trị viên máy chủ về sao lưu và sửa chữa. Tệp → Sao lưu… chép nó thành một tệp trên máy tính này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy the shared library into a library file on this computer</source>
        <translation>Chép thư viện dùng chung thành một tệp thư viện trên máy tính này</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Segmentation stopped; it resumes when the server returns</source>
        <translation>Đã dừng tách từ; sẽ tiếp tục khi máy chủ trở lại</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The library could not be opened: {why}</source>
        <translation>Không mở được thư viện: {why}</translation>
    </message>
</context>
<context>
    <name>SharedLibraryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/shared_library_dialog.py" line="+43"/>
        <source>Open shared library</source>
        <translation>Mở thư viện dùng chung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A library shared by a team lives in a PostgreSQL database on a server. Ask its administrator for the address, the database and your user name.</source>
        <translation>Thư viện dùng chung của một nhóm nằm trong một cơ sở dữ liệu PostgreSQL trên máy chủ. Hãy hỏi quản trị viên về địa chỉ, tên cơ sở dữ liệu và tên người dùng của bạn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(a new address)</source>
        <translation>(địa chỉ mới)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shared libraries opened before (their passwords are not kept here)</source>
        <translation>Các thư viện dùng chung đã mở trước đây (mật khẩu không được lưu ở đây)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste a postgresql:// address: the fields below are filled from it</source>
        <translation>Dán một địa chỉ postgresql://: các ô bên dưới sẽ được điền theo địa chỉ đó</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Port:</source>
        <translation>Cổng:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Encrypted when the server offers it (prefer)</source>
        <translation>Mã hóa khi máy chủ hỗ trợ (prefer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always encrypted (require)</source>
        <translation>Luôn mã hóa (require)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted, server certificate checked (verify-ca)</source>
        <translation>Mã hóa, kiểm tra chứng chỉ máy chủ (verify-ca)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted, certificate and host name checked (verify-full)</source>
        <translation>Mã hóa, kiểm tra chứng chỉ và tên máy chủ (verify-full)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unencrypted unless the server insists (allow)</source>
        <translation>Không mã hóa trừ khi máy chủ yêu cầu (allow)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never encrypted (disable)</source>
        <translation>Không bao giờ mã hóa (disable)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remember the password in the system keyring</source>
        <translation>Ghi nhớ mật khẩu trong kho khóa của hệ thống</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password is kept by the system keyring ({name}), never in Chú Giải&apos;s settings.</source>
        <translation>Mật khẩu được kho khóa của hệ thống ({name}) lưu giữ, không bao giờ nằm trong cài đặt của Chú Giải.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remember the password in {file}</source>
        <translation>Ghi nhớ mật khẩu trong {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No system keyring is available. The password can be written to the PostgreSQL password file {file}, readable by you only (mode 0600), which psql and other PostgreSQL tools read too. Otherwise it is asked for each time.</source>
        <translation>Không có kho khóa hệ thống. Mật khẩu có thể được ghi vào tệp mật khẩu PostgreSQL {file}, chỉ bạn đọc được (chế độ 0600), tệp mà psql và các công cụ PostgreSQL khác cũng đọc. Nếu không, mật khẩu sẽ được hỏi mỗi lần.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recent:</source>
        <translation>Gần đây:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (URL):</source>
        <translation>Địa chỉ (URL):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server:</source>
        <translation>Máy chủ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>Cơ sở dữ liệu:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Người dùng:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption:</source>
        <translation>Mã hóa:</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>That address cannot be used: {why}</source>
        <translation>Không dùng được địa chỉ đó: {why}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Opens: {url}</source>
        <translation>Sẽ mở: {url}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/shortcuts.py" line="+21"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>Find bar</source>
        <translation>Thanh tìm kiếm</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Next match</source>
        <translation>Kết quả sau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous match</source>
        <translation>Kết quả trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the find bar</source>
        <translation>Đóng thanh tìm kiếm</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Highlight list</source>
        <translation>Danh sách đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete the selected highlight (asks first)</source>
        <translation>Xóa đoạn đánh dấu đang chọn (có hỏi trước)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up / Down</source>
        <translation>↑ / ↓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the previous / next highlight; the reader follows</source>
        <translation>Chọn đoạn đánh dấu trước / sau; khung đọc cuộn theo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reader</source>
        <translation>Khung đọc</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Double-click</source>
        <translation>Nhấp đúp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a whole word (once segmentation is done)</source>
        <translation>Chọn trọn một từ (khi đã tách từ xong)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag picker</source>
        <translation>Hộp chọn nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the typed tag, or accept</source>
        <translation>Thêm nhãn vừa gõ, hoặc đồng ý</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where</source>
        <translation>Nơi dùng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Does</source>
        <translation>Tác dụng</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No command uses a bare letter, so typing Vietnamese with Unikey or Telex never triggers one.</source>
        <translation>Không lệnh nào dùng một chữ cái đơn lẻ, nên gõ tiếng Việt bằng Unikey hay Telex không bao giờ kích hoạt nhầm lệnh.</translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="+131"/>
        <source>Import a folder</source>
        <translation>Nhập một thư mục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chú Giải was asked to import every article in:</source>
        <translation>Chú Giải được yêu cầu nhập mọi bài báo trong:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import them?</source>
        <translation>Nhập chúng?</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The damaged library was kept, renamed to {name} in the same folder ({folder}), and a new, empty library was started. Nothing was deleted.</source>
        <translation>Thư viện bị hỏng đã được giữ lại, đổi tên thành {name} trong cùng thư mục ({folder}), và một thư viện mới, trống đã được tạo. Không có gì bị xoá.</translation>
    </message>
</context>
<context>
    <name>StopwordsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/tools/stopwords_dialog.py" line="+42"/>
        <source>Stop words</source>
        <translation>Từ dừng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Words left out of frequency lists, one per line. A word of several syllables is written with its spaces (tuy nhiên). Case is ignored; diacritics are not.</source>
        <translation>Những từ bị bỏ qua khi đếm tần suất, mỗi dòng một từ. Từ nhiều âm tiết được viết có dấu cách (tuy nhiên). Không phân biệt chữ hoa, chữ thường; có phân biệt dấu.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reset to the default list</source>
        <translation>Khôi phục danh sách mặc định</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stop words not saved</source>
        <translation>Chưa lưu được danh sách từ dừng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 word</source>
        <translation>1 từ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 words</source>
        <translation>%1 từ</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <location filename="../../desktop_app/ui/reader/suggestions.py" line="+69"/>
        <source>person</source>
        <translation>người</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>place</source>
        <translation>địa danh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organisation</source>
        <translation>tổ chức</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Suggested {0}: “{1}”</source>
        <translation>Gợi ý {0}: “{1}”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept as {0} ({1})</source>
        <translation>Nhận là {0} ({1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept with tag…</source>
        <translation>Nhận với nhãn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject suggestion</source>
        <translation>Bỏ gợi ý</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Review and accept the %n %1 suggestion(s) in this article…</source>
        <translation>
            <numerusform>Xem xét và chấp nhận %n gợi ý %1 trong bài báo này…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/tag_dialog.py" line="+38"/>
        <source>Tags for this highlight</source>
        <translation>Nhãn cho đoạn đánh dấu này</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type a tag and press Enter (e.g. “Cán bộ”)</source>
        <translation>Gõ nhãn rồi nhấn Enter (ví dụ “Cán bộ”)</translation>
    </message>
</context>
<context>
    <name>TagListModel</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/panel/tag_palette.py" line="+32"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagManagerDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/tag_manager.py" line="+60"/>
        <source>Manage tags</source>
        <translation>Quản lý nhãn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Highlights</source>
        <translation>Đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What this tag means, when to use it (the codebook)…</source>
        <translation>Nhãn này nghĩa là gì, dùng khi nào (sổ mã)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save description</source>
        <translation>Lưu mô tả</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Colour…</source>
        <translation>Màu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move under…</source>
        <translation>Chuyển vào dưới…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merge into…</source>
        <translation>Gộp vào…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+18"/>
        <source>Could not change the tag</source>
        <translation>Không thể đổi nhãn</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rename tag</source>
        <translation>Đổi tên nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Colour of “%1”</source>
        <translation>Màu của “%1”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(top level)</source>
        <translation>(cấp cao nhất)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move tag</source>
        <translation>Chuyển nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put “%1” under:</source>
        <translation>Đặt “%1” dưới:</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+11"/>
        <source>Merge tags</source>
        <translation>Gộp nhãn</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Merge “%1” into:</source>
        <translation>Gộp “%1” vào:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the %1 tagged “%2” (in %3) the tag “%4” and remove “%2”? Their other tags stay.</source>
        <translation>Gán nhãn “%4” cho %1 mang nhãn “%2” (trong %3) và bỏ nhãn “%2”? Các nhãn khác của chúng được giữ nguyên.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The %n tag(s) under it go under “%4”.</source>
        <translation>
            <numerusform>%n nhãn con của nó được chuyển sang dưới “%4”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Delete the tag “%1” and the %n tag(s) under it?</source>
        <translation>
            <numerusform>Xoá nhãn “%1” và %n nhãn con của nó?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They are on %2 in %3; the highlights stay, without these tags.</source>
        <translation>Chúng có trên %2 trong %3; các đoạn đánh dấu vẫn được giữ, nhưng không còn các nhãn này.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the tag “%1”? It is on %2 in %3; the highlights stay, without this tag.</source>
        <translation>Xoá nhãn “%1”? Nhãn này có trên %2 trong %3; các đoạn đánh dấu vẫn được giữ, nhưng không còn nhãn này.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n bài báo</numerusform>
        </translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Delete tag</source>
        <translation>Xóa nhãn</translation>
    </message>
</context>
<context>
    <name>TagTree</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/tag_tree.py" line="+52"/>
        <source>Tag</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passages</source>
        <translation>Đoạn trích</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not</source>
        <translation>Loại trừ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter tags (diacritics optional)</source>
        <translation>Lọc nhãn (không bắt buộc dấu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter tags</source>
        <translation>Lọc nhãn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1, with the tags nested under it</source>
        <translation>%1, tính cả các nhãn con</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Highlights with this tag or one nested under it</source>
        <translation>Đoạn đánh dấu có nhãn này hoặc một nhãn con của nó</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Leave out passages carrying %1</source>
        <translation>Loại bỏ các đoạn trích mang %1</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <location filename="../../desktop_app/ui/window/undo.py" line="-31"/>
        <location line="+30"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+29"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Could not undo “%1”: %2</source>
        <translation>Không thể hoàn tác “%1”: %2</translation>
    </message>
</context>
<context>
    <name>ValueDelegate</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/attribute_models.py" line="+177"/>
        <source>(no value)</source>
        <translation>(không có giá trị)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>2023-04-04, 2023-04 or 2023</source>
        <translation>2023-04-04, 2023-04 hoặc 2023</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number: 12 or 2,5</source>
        <translation>một số: 12 hoặc 2,5</translation>
    </message>
</context>
<context>
    <name>WhereEditor</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/where_editor.py" line="+133"/>
        <source>Every article</source>
        <translation>Mọi bài báo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a condition</source>
        <translation>Thêm điều kiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep only articles whose attribute matches, e.g. outlet = PLVN or year ≥ 2023</source>
        <translation>Chỉ giữ các bài báo có thuộc tính khớp, ví dụ tờ báo = PLVN hoặc năm ≥ 2023</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../desktop_app/ui/window/actions.py" line="-118"/>
        <source>Import articles…</source>
        <translation>Nhập bài viết…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a folder…</source>
        <translation>Nhập cả thư mục…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export annotations…</source>
        <translation>Xuất chú giải…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import annotations…</source>
        <translation>Nhập chú giải…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up…</source>
        <translation>Sao lưu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check library…</source>
        <translation>Kiểm tra thư viện…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data safety settings…</source>
        <translation>Cài đặt an toàn dữ liệu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segmentation processes…</source>
        <translation>Tiến trình tách từ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next highlight</source>
        <translation>Đoạn đánh dấu tiếp theo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous highlight</source>
        <translation>Đoạn đánh dấu trước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manage tags…</source>
        <translation>Quản lý nhãn…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply tag %1</source>
        <translation>Gắn nhãn số %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Highlight with tags…</source>
        <translation>Đánh dấu và gắn nhãn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Highlight the selected text and tag it (Ctrl+H)</source>
        <translation>Đánh dấu đoạn văn đã chọn và gắn nhãn (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit tags of highlight…</source>
        <translation>Sửa nhãn của đoạn đánh dấu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete highlight</source>
        <translation>Xóa đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write article memo</source>
        <translation>Viết ghi nhớ cho bài</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next highlight at the cursor</source>
        <translation>Đoạn đánh dấu tiếp theo tại con trỏ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous highlight at the cursor</source>
        <translation>Đoạn đánh dấu trước tại con trỏ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Extend highlight end by a word</source>
        <translation>Kéo dài cuối đoạn đánh dấu thêm một từ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shrink highlight end by a word</source>
        <translation>Rút ngắn cuối đoạn đánh dấu một từ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extend highlight start by a word</source>
        <translation>Kéo dài đầu đoạn đánh dấu thêm một từ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shrink highlight start by a word</source>
        <translation>Rút ngắn đầu đoạn đánh dấu một từ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find in article…</source>
        <translation>Tìm trong bài…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find previous</source>
        <translation>Tìm lùi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search all articles…</source>
        <translation>Tìm trong mọi bài viết…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show hidden web leftovers</source>
        <translation>Hiện phần thừa của trang web đã ẩn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show, greyed, the share buttons, counters and other web leftovers that are hidden from the article</source>
        <translation>Hiện bằng chữ xám các nút chia sẻ, bộ đếm và những phần thừa khác của trang web đang được ẩn khỏi bài</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Article details…</source>
        <translation>Thông tin bài viết…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concordance…</source>
        <translation>Từ trong ngữ cảnh…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word frequencies…</source>
        <translation>Tần suất từ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show word boundaries</source>
        <translation>Hiện ranh giới từ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Underline multi-syllable Vietnamese words (Ctrl+Shift+W)</source>
        <translation>Gạch dưới các từ tiếng Việt nhiều âm tiết (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour parts of speech</source>
        <translation>Tô màu theo từ loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour nouns, verbs, adjectives, names and numbers (Ctrl+Shift+P)</source>
        <translation>Tô màu danh từ, động từ, tính từ, tên riêng và số (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show named entities</source>
        <translation>Hiện thực thể có tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Underline the people, places and organisations the tagger suggests; right-click one to accept or reject it (Ctrl+Shift+E)</source>
        <translation>Gạch dưới người, địa danh và tổ chức mà bộ gán nhãn gợi ý; nhấp chuột phải vào một gợi ý để nhận hoặc bỏ (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Snap selection to words</source>
        <translation>Chọn theo trọn từ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A selection made with the mouse grows to whole words (hold Alt while releasing to keep it exact)</source>
        <translation>Vùng chọn bằng chuột được mở rộng thành trọn từ (giữ Alt khi thả chuột để giữ nguyên)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading settings…</source>
        <translation>Cài đặt đọc…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bigger text</source>
        <translation>Chữ to hơn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smaller text</source>
        <translation>Chữ nhỏ hơn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normal text size</source>
        <translation>Cỡ chữ mặc định</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Chú Giải</source>
        <translation>Giới thiệu Chú Giải</translation>
    </message>
</context>
<context>
    <name>WindowHost</name>
    <message>
        <location filename="../../desktop_app/ui/window_host.py" line="+57"/>
        <source>Your local library in {folder} is open in another copy of Chú Giải{who}. Use that window, or close it first.</source>
        <translation>Thư viện trên máy trong {folder} đang mở trong một cửa sổ Chú Giải khác{who}. Hãy dùng cửa sổ đó, hoặc đóng nó trước.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter the password…</source>
        <translation>Nhập mật khẩu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open my local library</source>
        <translation>Mở thư viện trên máy này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
</context>
<context>
    <name>WordViewController</name>
    <message>
        <location filename="../../desktop_app/ui/window/word_view_controller.py" line="+61"/>
        <source>Parts of speech appear once this article is tagged (in the background).</source>
        <translation>Từ loại sẽ hiện khi bài này được gán nhãn xong (chạy nền).</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/wording.py" line="+67"/>
        <source>%n highlight(s) imported</source>
        <translation>
            <numerusform>đã nhập %n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n placed by fuzzy match</source>
        <translation>
            <numerusform>%n đoạn được đặt theo khớp gần đúng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n already present</source>
        <translation>
            <numerusform>%n đoạn đã có sẵn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+14"/>
        <source>%n article memo(s)</source>
        <translation>
            <numerusform>%n ghi nhớ bài viết</numerusform>
        </translation>
    </message>
    <message>
        <location line="-12"/>
        <source>{file}: {imported} ({fuzzy}), {present}, {memos}.</source>
        <translation>{file}: {imported} ({fuzzy}), {present}, {memos}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: {imported} ({fuzzy}), {present}.</source>
        <translation>{file}: {imported} ({fuzzy}), {present}.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n could not be placed: {examples}</source>
        <translation>
            <numerusform>Không đặt được %n đoạn: {examples}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n bài viết mới</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n already here</source>
        <translation>
            <numerusform>%n bài đã có</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n code(s)</source>
        <translation>
            <numerusform>%n mã</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {highlights}, {articles} ({present}), {codes}, {memos}.</source>
        <translation>{file}: {highlights}, {articles} ({present}), {codes}, {memos}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: {highlights}, {articles} ({present}), {codes}.</source>
        <translation>{file}: {highlights}, {articles} ({present}), {codes}.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n note(s): {examples}</source>
        <translation>
            <numerusform>%n lưu ý: {examples}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The article no longer exists.</source>
        <translation>Bài viết không còn tồn tại.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This article is no longer in the library.</source>
        <translation>Bài viết này không còn trong thư viện.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That highlight no longer exists.</source>
        <translation>Đoạn đánh dấu đó không còn tồn tại.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That highlight is already there.</source>
        <translation>Đoạn đánh dấu đó đã có rồi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That highlight could not be put back.</source>
        <translation>Không đặt lại được đoạn đánh dấu đó.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selection is outside the article text.</source>
        <translation>Vùng chọn nằm ngoài văn bản của bài.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selection holds only spaces; select some words.</source>
        <translation>Vùng chọn chỉ có khoảng trắng; hãy chọn một vài từ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That tag no longer exists.</source>
        <translation>Nhãn đó không còn tồn tại.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tag needs a name.</source>
        <translation>Nhãn cần có tên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tag named “{name}” already exists. To put their highlights together, merge the tags instead.</source>
        <translation>Đã có nhãn tên “{name}”. Muốn gom các đoạn đánh dấu của chúng lại với nhau, hãy gộp hai nhãn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tag cannot be moved under itself.</source>
        <translation>Không thể chuyển một nhãn vào bên dưới chính nó.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another tag to merge into.</source>
        <translation>Hãy chọn một nhãn khác để gộp vào.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tag cannot be merged into a tag nested under it.</source>
        <translation>Không thể gộp một nhãn vào nhãn con của chính nó.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} changed this highlight while you were editing it; your change was not saved over theirs.</source>
        <translation>{who} đã thay đổi đoạn đánh dấu này trong lúc bạn đang sửa; thay đổi của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another coder changed this highlight while you were editing it; your change was not saved over theirs.</source>
        <translation>Một người mã hóa khác đã thay đổi đoạn đánh dấu này trong lúc bạn đang sửa; thay đổi của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{who} changed this tag meanwhile; your change was not saved over theirs.</source>
        <translation>{who} đã thay đổi nhãn này trong lúc đó; thay đổi của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another coder changed this tag meanwhile; your change was not saved over theirs.</source>
        <translation>Một người mã hóa khác đã thay đổi nhãn này trong lúc đó; thay đổi của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} changed this memo while you were writing; your text was not saved over theirs.</source>
        <translation>{who} đã thay đổi ghi nhớ này trong lúc bạn đang viết; nội dung của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another coder changed this memo while you were writing; your text was not saved over theirs.</source>
        <translation>Một người mã hóa khác đã thay đổi ghi nhớ này trong lúc bạn đang viết; nội dung của bạn chưa được lưu đè lên bản của họ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These fields cannot be edited: {fields}.</source>
        <translation>Không thể sửa các trường này: {fields}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An article needs a title: it names the article in the library.</source>
        <translation>Bài viết cần có tiêu đề: đó là tên của bài trong thư viện.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” is not a date. Write it as 2023-04-04, 2023-04-04 10:48 or 04/04/2023 10:48.</source>
        <translation>“{value}” không phải là ngày. Hãy viết theo dạng 2023-04-04, 2023-04-04 10:48 hoặc 04/04/2023 10:48.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A coder needs a name.</source>
        <translation>Người mã hóa cần có tên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A coder&apos;s name can have at most {limit} characters.</source>
        <translation>Tên người mã hóa dài tối đa {limit} ký tự.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another coder is already called “{name}”.</source>
        <translation>Đã có một người mã hóa khác tên là “{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That coder is no longer in the library.</source>
        <translation>Người mã hóa này không còn trong thư viện.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This article is no longer in the library: the memo could not be saved.</source>
        <translation>Bài viết này không còn trong thư viện: không lưu được ghi nhớ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new text is empty; the article was left as it was.</source>
        <translation>Văn bản mới trống; bài viết được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The article is no longer in the library.</source>
        <translation>Bài viết không còn trong thư viện.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another article in the library (“{title}”, id {id}) already has exactly this text, so the change was not applied: the two would be duplicates.</source>
        <translation>Một bài viết khác trong thư viện (“{title}”, id {id}) đã có đúng văn bản này nên thay đổi không được áp dụng: hai bài sẽ trùng nhau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The library {path} is read-only (the file or its folder cannot be written): you can read, search and export, but changes cannot be saved.</source>
        <translation>Thư viện {path} chỉ đọc (không ghi được vào tệp hoặc thư mục chứa tệp): bạn vẫn có thể đọc, tìm kiếm và xuất, nhưng không lưu được thay đổi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file {path} is not a Chú Giải database, or it is damaged. It was left untouched.</source>
        <translation>Tệp {path} không phải cơ sở dữ liệu của Chú Giải, hoặc đã bị hỏng. Tệp được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database {path} is read-only: changes cannot be saved.</source>
        <translation>Cơ sở dữ liệu {path} chỉ đọc: không lưu được thay đổi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database {path} cannot be opened: check that its folder exists and is writable.</source>
        <translation>Không mở được cơ sở dữ liệu {path}: hãy kiểm tra xem thư mục chứa nó có tồn tại và ghi được không.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} is busy: another program (or another copy of Chú Giải) is writing to it. Try again in a moment.</source>
        <translation>Cơ sở dữ liệu {path} đang bận: một chương trình khác (hoặc một phiên Chú Giải khác) đang ghi vào. Hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk holding {path} is full (or the file has reached the largest size this system allows): the change was not saved. Free some space and try again; your earlier work is safe.</source>
        <translation>Ổ đĩa chứa {path} đã đầy (hoặc tệp đã đạt kích thước lớn nhất mà hệ thống cho phép): thay đổi chưa được lưu. Hãy giải phóng bớt dung lượng rồi thử lại; công việc trước đó của bạn vẫn an toàn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chú Giải could not write to {path}: the disk may be full, removed or failing ({reason}). The change was not saved; your earlier work is safe.</source>
        <translation>Chú Giải không ghi được vào {path}: ổ đĩa có thể đã đầy, bị tháo ra hoặc đang hỏng ({reason}). Thay đổi chưa được lưu; công việc trước đó của bạn vẫn an toàn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} reported an error: {reason}</source>
        <translation>Cơ sở dữ liệu {path} báo lỗi: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The damaged library {path} could not be moved aside ({reason}); nothing was deleted. Move it yourself, then start Chú Giải again.</source>
        <translation>Không chuyển được thư viện bị hỏng {path} sang chỗ khác ({reason}); không có gì bị xóa. Hãy tự chuyển nó đi, rồi mở lại Chú Giải.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot create the data folder {path}: {reason}.</source>
        <translation>Không tạo được thư mục dữ liệu {path}: {reason}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection to the server of {path} is lost ({reason}): this change was not saved. Your earlier work is safe; try again when it is back.</source>
        <translation>Mất kết nối tới máy chủ của {path} ({reason}): thay đổi này chưa được lưu. Những gì bạn làm trước đó vẫn an toàn; hãy thử lại khi kết nối trở lại.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to the server of {path} was lost while this change was being saved ({reason}); it will show once the connection is back if it was saved. Nothing was saved twice.</source>
        <translation>Mất kết nối tới máy chủ của {path} trong lúc đang lưu thay đổi này ({reason}); nếu đã được lưu, thay đổi sẽ hiện ra khi kết nối trở lại. Không có gì bị lưu hai lần.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file {path} is damaged ({problem}). It was left untouched.</source>
        <translation>Tệp {path} bị hỏng ({problem}). Tệp được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} was made by a newer version of Chú Giải (schema {version}, this version knows {known}). It was left untouched; please update the app.</source>
        <translation>Cơ sở dữ liệu {path} được tạo bởi một phiên bản Chú Giải mới hơn (lược đồ {version}, phiên bản này chỉ biết đến {known}). Cơ sở dữ liệu được giữ nguyên; hãy cập nhật ứng dụng.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file {path} is a SQLite database but not one made by Chú Giải. It was left untouched.</source>
        <translation>Tệp {path} là cơ sở dữ liệu SQLite nhưng không do Chú Giải tạo ra. Tệp được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} is empty and read-only.</source>
        <translation>Cơ sở dữ liệu {path} trống và chỉ đọc.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database {path} was made by an older version of Chú Giải and needs an upgrade, but it is read-only. Copy it somewhere writable and open the copy.</source>
        <translation>Cơ sở dữ liệu {path} được tạo bởi một phiên bản Chú Giải cũ hơn và cần nâng cấp, nhưng nó chỉ đọc. Hãy chép nó sang một nơi ghi được rồi mở bản chép đó.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{problem} Nothing was upgraded.</source>
        <translation>{problem} Không có gì được nâng cấp.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The library {path} is damaged: this could not be read or saved. Your other work is still in the file. Restart Chú Giải: it will check the library and, if it is damaged, keep it aside and tell you where.</source>
        <translation>Thư viện {path} bị hỏng: không đọc hoặc lưu được phần này. Các công việc khác của bạn vẫn còn trong tệp. Hãy khởi động lại Chú Giải: ứng dụng sẽ kiểm tra thư viện và, nếu thư viện bị hỏng, sẽ cất riêng nó ra và cho bạn biết ở đâu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database {path} could not be upgraded ({problem}). It was left as it was; a copy is at {backup}.</source>
        <translation>Không nâng cấp được cơ sở dữ liệu {path} ({problem}). Cơ sở dữ liệu được giữ nguyên; có một bản sao tại {backup}.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>upgrading would leave %n broken reference(s) (first: table {table}, row {row})</source>
        <translation>
            <numerusform>nâng cấp sẽ để lại %n tham chiếu hỏng (đầu tiên: bảng {table}, dòng {row})</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open {path}: {reason}.</source>
        <translation>Không mở được {path}: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup {path} is damaged; nothing was restored.</source>
        <translation>Bản sao lưu {path} bị hỏng; không có gì được khôi phục.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is not a Chú Giải library; nothing was restored.</source>
        <translation>{path} không phải thư viện Chú Giải; không có gì được khôi phục.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} was made by a newer Chú Giải; please update the app first.</source>
        <translation>{path} được tạo bởi một phiên bản Chú Giải mới hơn; hãy cập nhật ứng dụng trước.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Không đọc được {path}: {reason}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot import {path}: {problem}. Nothing was imported.</source>
        <translation>Không nhập được {path}: {problem}. Không có gì được nhập.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not UTF-8 text</source>
        <translation>tệp không phải văn bản UTF-8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not UTF-8 text (was it saved again in another encoding?)</source>
        <translation>tệp không phải văn bản UTF-8 (có phải tệp đã được lưu lại bằng một bảng mã khác?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not a well-formed CSV file ({reason})</source>
        <translation>tệp không phải CSV hợp lệ ({reason})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not valid JSON ({reason} at line {line}, column {column})</source>
        <translation>tệp không phải JSON hợp lệ ({reason} tại dòng {line}, cột {column})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is nested too deeply</source>
        <translation>tệp có cấu trúc lồng nhau quá sâu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: not an annotation file this app reads (use .csv, .json/.jsonld, .qdpx or .qdc).</source>
        <translation>{file}: không phải tệp chú giải mà ứng dụng này đọc được (hãy dùng .csv, .json/.jsonld, .qdpx hoặc .qdc).</translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>Positions in %n source(s) ({sources}) were read as {unit}: {evidence}.</source>
        <translation>
            <numerusform>Vị trí trong %n nguồn ({sources}) được đọc theo {unit}: {evidence}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Positions in %n source(s) ({sources}) may count {unit} or {alternative}, and the file does not tell clearly ({agree} of {total} selection edges fall between words read as {unit}, {other} read as {alternative}). They were read as {unit}, {why}: check a few of their highlights.</source>
        <translation>
            <numerusform>Vị trí trong %n nguồn ({sources}) có thể được đếm theo {unit} hoặc {alternative}, và tệp không cho biết rõ ({agree}/{total} ranh giới vùng chọn rơi vào giữa các từ khi đọc theo {unit}, {other} khi đọc theo {alternative}). Chúng được đọc theo {unit}, {why}: hãy kiểm tra vài đoạn đánh dấu của chúng.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>code points</source>
        <translation>điểm mã (code point)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-16 code units</source>
        <translation>đơn vị mã UTF-16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>characters with a CRLF line break counted as one</source>
        <translation>ký tự, với dấu xuống dòng CRLF tính là một</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another counting</source>
        <translation>cách đếm khác</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{agree} of {total} selection names match the text read that way, {other} read as {alternative}</source>
        <translation>{agree}/{total} tên vùng chọn khớp với văn bản khi đọc theo cách đó, {other} khi đọc theo {alternative}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{agree} of {total} selection edges fall between words read that way, {other} read as {alternative}</source>
        <translation>{agree}/{total} ranh giới vùng chọn rơi vào giữa các từ khi đọc theo cách đó, {other} khi đọc theo {alternative}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>read any other way, a selection would lie outside the text or inside a character</source>
        <translation>nếu đọc theo cách khác, một vùng chọn sẽ nằm ngoài văn bản hoặc giữa một ký tự</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the other sources of the project show it clearly</source>
        <translation>các nguồn khác của dự án cho thấy rõ điều đó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as {origin} is known to count</source>
        <translation>vì {origin} được biết là đếm theo cách này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as the REFI-QDA standard says</source>
        <translation>theo quy định của chuẩn REFI-QDA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>for want of a better reason</source>
        <translation>vì không có lý do nào tốt hơn</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The attribute “{name}” was not imported: {problem}</source>
        <translation>Thuộc tính “{name}” không được nhập: {problem}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n value(s) of the attribute “{name}” were not imported, e.g.: {problem}</source>
        <translation>
            <numerusform>%n giá trị của thuộc tính “{name}” không được nhập, ví dụ: {problem}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>An attribute needs a name.</source>
        <translation>Thuộc tính cần có tên.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An attribute name cannot hold = &lt; &gt; ! or &quot;:&quot;: “{name}”.</source>
        <translation>Tên thuộc tính không được chứa = &lt; &gt; ! hoặc &quot;:&quot;: “{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}” is built in (it comes from the article&apos;s details) or reserved; choose another name.</source>
        <translation>“{name}” là tên dựng sẵn (lấy từ thông tin bài báo) hoặc đã được dành riêng; hãy chọn tên khác.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An attribute named “{name}” already exists.</source>
        <translation>Đã có thuộc tính tên “{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{kind}” is not a type of attribute: choose text, number, date or choice.</source>
        <translation>“{kind}” không phải là kiểu thuộc tính: hãy chọn văn bản, số, ngày hoặc lựa chọn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That attribute no longer exists.</source>
        <translation>Thuộc tính đó không còn tồn tại.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no attribute “{name}”.</source>
        <translation>Không có thuộc tính “{name}”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{name}” comes from the article&apos;s details: edit it there.</source>
        <translation>“{name}” lấy từ thông tin bài báo: hãy sửa ở đó.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{name}” holds values of type {kind}, not {wanted}.</source>
        <translation>“{name}” chứa giá trị kiểu {kind}, không phải {wanted}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” is not a number.</source>
        <translation>“{value}” không phải là số.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” is not a date. Write it as 2023-04-04, 2023-04 or 2023 (or 04/04/2023).</source>
        <translation>“{value}” không phải là ngày. Hãy viết dạng 2023-04-04, 2023-04 hoặc 2023 (hoặc 04/04/2023).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{value}” is not one of the choices of “{name}”: {choices}.</source>
        <translation>“{value}” không thuộc các lựa chọn của “{name}”: {choices}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A choice attribute needs at least one choice.</source>
        <translation>Thuộc tính lựa chọn cần có ít nhất một lựa chọn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” is still the value of some articles ({count}); change them first.</source>
        <translation>“{value}” vẫn là giá trị của một số bài báo ({count}); hãy đổi chúng trước.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot import {path}: {problem} Nothing was imported.</source>
        <translation>Không thể nhập {path}: {problem} Chưa nhập gì.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row {row}, column “{column}”: {problem}</source>
        <translation>Dòng {row}, cột “{column}”: {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row {row}: {problem}</source>
        <translation>Dòng {row}: {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it has no header row.</source>
        <translation>tệp không có dòng tiêu đề.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its first column must be “id” or “title”: the articles the rows are about.</source>
        <translation>cột đầu tiên phải là “id” hoặc “title”: các bài báo mà các dòng nói đến.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it has no attribute columns after the first one.</source>
        <translation>không có cột thuộc tính nào sau cột đầu tiên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>column {column} of the header has no name.</source>
        <translation>cột {column} của dòng tiêu đề không có tên.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the column “{column}” appears twice.</source>
        <translation>cột “{column}” xuất hiện hai lần.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it has {count} cells, the header only {columns}.</source>
        <translation>dòng có {count} ô, dòng tiêu đề chỉ có {columns}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no article with id “{value}”.</source>
        <translation>không có bài báo nào có id “{value}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no article has the title “{value}”.</source>
        <translation>không có bài báo nào có tiêu đề “{value}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>several articles ({count}) have the title “{value}”: key the file by id.</source>
        <translation>nhiều bài báo ({count}) có tiêu đề “{value}”: hãy dùng id làm khoá trong tệp.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this article is in row {other} too.</source>
        <translation>bài báo này cũng có ở dòng {other}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{text}” is not a filter: write KEY=VALUE or KEY!=VALUE, and KEY&gt;=VALUE, KEY&lt;=VALUE, KEY&gt;VALUE or KEY&lt;VALUE for numbers and dates.</source>
        <translation>“{text}” không phải là bộ lọc: hãy viết KEY=VALUE hoặc KEY!=VALUE, và KEY&gt;=VALUE, KEY&lt;=VALUE, KEY&gt;VALUE hoặc KEY&lt;VALUE cho số và ngày.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{name}” holds text: compare it with = or != only.</source>
        <translation>“{name}” chứa văn bản: chỉ so sánh bằng = hoặc !=.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no tag “{name}”.</source>
        <translation>Không có nhãn “{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose at least one tag.</source>
        <translation>Hãy chọn ít nhất một nhãn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no coder “{name}”.</source>
        <translation>Không có người mã hóa “{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement needs at least two coders who coded something; there are {count}.</source>
        <translation>Độ đồng thuận cần ít nhất hai người mã hóa đã mã hóa; hiện có {count}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{unit}” is not a unit: choose one of {units}.</source>
        <translation>“{unit}” không phải là đơn vị: hãy chọn một trong {units}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The consensus coder “{name}” is one of the coders compared: choose or name another coder.</source>
        <translation>Người mã hóa đồng thuận “{name}” là một trong những người được so sánh: hãy chọn hoặc đặt tên người mã hóa khác.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no tag named “{tag}” (nor one nested under it).</source>
        <translation>Không có nhãn nào tên “{tag}” (cũng không có nhãn con nào của nó).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no coder named “{name}” in this library.</source>
        <translation>Không có người mã hóa nào tên “{name}” trong thư viện này.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n code name(s) are used by more than one code without sub-codes ({names}): QualCoder keeps one code per name and would merge them. Rename them first if the file is for QualCoder.</source>
        <translation>
            <numerusform>%n tên mã được dùng cho nhiều mã không có mã con ({names}): QualCoder chỉ giữ một mã cho mỗi tên và sẽ gộp chúng. Hãy đổi tên trước nếu tệp dành cho QualCoder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No token is labelled: no highlight in the exported articles carries the tag “{tag}” or one nested under it, so every label is O.</source>
        <translation>Không có token nào được gán nhãn: không đoạn đánh dấu nào trong các bài báo đã xuất mang nhãn “{tag}” hoặc nhãn con của nó, nên mọi nhãn đều là O.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No token is labelled: the exported articles have no tagged highlights, so every label is O.</source>
        <translation>Không có token nào được gán nhãn: các bài báo đã xuất không có đoạn đánh dấu nào có nhãn, nên mọi nhãn đều là O.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The table has {count} columns; an Excel sheet holds at most {limit}. Export it as CSV, or choose an attribute for the columns.</source>
        <translation>Bảng có {count} cột; một trang tính Excel chứa tối đa {limit}. Hãy xuất ra CSV, hoặc chọn một thuộc tính làm cột.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {problem} Nothing was merged.</source>
        <translation>{file}: {problem} Không có gì được gộp.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is neither a Chú Giải library (.sqlite3) nor a REFI-QDA project (.qdpx).</source>
        <translation>tệp không phải thư viện Chú Giải (.sqlite3) cũng không phải dự án REFI-QDA (.qdpx).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is a SQLite database but not a Chú Giải library.</source>
        <translation>tệp là cơ sở dữ liệu SQLite nhưng không phải thư viện Chú Giải.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is this library itself.</source>
        <translation>đây chính là thư viện này.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it was made by a newer version of Chú Giải (schema {version}, this version knows {known}); please update the app.</source>
        <translation>tệp được tạo bởi phiên bản Chú Giải mới hơn (lược đồ {version}, phiên bản này biết {known}); vui lòng cập nhật ứng dụng.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it cannot be opened ({reason}).</source>
        <translation>không mở được tệp ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is damaged or cannot be read ({reason}).</source>
        <translation>tệp bị hỏng hoặc không đọc được ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a copy of it could not be upgraded ({problem}).</source>
        <translation>không nâng cấp được bản sao của tệp ({problem}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: {highlights} highlights added ({present} already here, {orphaned} to re-attach), {articles} new articles ({same} already here, {changed} with another text here), {codes} whole-article codes, {memos} memos, {values} attribute values, {tags} new tags; new coders: {coders}; {conflicts} codebook conflicts; {attribute_conflicts} attribute values differ (kept as they are).</source>
        <translation>{file}: đã thêm {highlights} đoạn đánh dấu ({present} đã có ở đây, {orphaned} cần gắn lại), {articles} bài báo mới ({same} đã có ở đây, {changed} có văn bản khác ở đây), {codes} mã toàn bài, {memos} ghi nhớ, {values} giá trị thuộc tính, {tags} nhãn mới; người mã hóa mới: {coders}; {conflicts} xung đột bộ mã; {attribute_conflicts} giá trị thuộc tính khác nhau (giữ nguyên).</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>{path}: no such file.</source>
        <translation>{path}: không có tệp này.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{quote}”: {why}</source>
        <translation>“{quote}”: {why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the annotation has no quoted text to look for</source>
        <translation>chú giải không có đoạn trích nào để tìm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no article in the library contains this passage</source>
        <translation>không bài viết nào trong thư viện chứa đoạn này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the passage is no longer in the article</source>
        <translation>đoạn này không còn trong bài viết</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>the passage is in %n articles; cannot tell which one is meant</source>
        <translation>
            <numerusform>đoạn này có trong %n bài viết; không xác định được là bài nào</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>the passage occurs %n time(s) in the article, with the same context, and the file gives no position: cannot tell which one is meant</source>
        <translation>
            <numerusform>đoạn trích xuất hiện %n lần trong bài báo, với cùng ngữ cảnh, và tệp không cho biết vị trí: không xác định được là lần nào</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the passage holds only spaces</source>
        <translation>đoạn này chỉ có khoảng trắng</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>the memo&apos;s address belongs to %n articles; cannot tell which one is meant</source>
        <translation>
            <numerusform>địa chỉ của ghi nhớ ứng với %n bài viết; không xác định được là bài nào</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no article in the library is the one this memo is about</source>
        <translation>không có bài viết nào trong thư viện là bài mà ghi nhớ này nói đến</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: {problem} Nothing was imported.</source>
        <translation>{file}: {problem} Không có gì được nhập.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <source>the file was not found.</source>
        <translation>không tìm thấy tệp.</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>this is not a REFI-QDA project (.qdpx): it is not a zip archive, or it is damaged or cut short.</source>
        <translation>đây không phải dự án REFI-QDA (.qdpx): tệp không phải kho nén zip, hoặc đã bị hỏng hay bị cắt cụt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file cannot be read ({reason}).</source>
        <translation>không đọc được tệp ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it uses a zip feature this app cannot read ({reason}).</source>
        <translation>tệp dùng một tính năng zip mà ứng dụng này không đọc được ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it was not opened: {reason}.</source>
        <translation>không mở được tệp: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its codes are nested too deeply.</source>
        <translation>các mã trong tệp lồng nhau quá sâu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{member} is stored in a way this app cannot read ({reason}).</source>
        <translation>{member} được lưu theo cách mà ứng dụng này không đọc được ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{member} is encrypted ({reason}).</source>
        <translation>{member} được mã hóa ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>project.qde cannot be read: {reason}.</source>
        <translation>không đọc được project.qde: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{member} is too large ({mb} MB).</source>
        <translation>{member} quá lớn ({mb} MB).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the archive is damaged: {member} cannot be read ({reason}).</source>
        <translation>kho nén bị hỏng: không đọc được {member} ({reason}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this is not a REFI-QDA project: it holds no project.qde.</source>
        <translation>đây không phải dự án REFI-QDA: không có project.qde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>project.qde is not well-formed XML ({reason}).</source>
        <translation>project.qde không phải XML hợp lệ ({reason}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>project.qde is not a REFI-QDA project (its root is not Project).</source>
        <translation>project.qde không phải dự án REFI-QDA (phần tử gốc không phải Project).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source “{name}”</source>
        <translation>nguồn “{name}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note “{name}”</source>
        <translation>ghi chú “{name}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}: {reason}</source>
        <translation>{label}: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a selection in {label} has no valid position.</source>
        <translation>một vùng chọn trong {label} không có vị trí hợp lệ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a selection in {label} has impossible positions {start}–{end}.</source>
        <translation>một vùng chọn trong {label} có vị trí không hợp lý {start}–{end}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in {label}, {reason}</source>
        <translation>trong {label}, {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the text of {label} ({member}) is missing from the archive.</source>
        <translation>văn bản của {label} ({member}) không có trong kho nén.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the text of {label} cannot be read: {reason}</source>
        <translation>không đọc được văn bản của {label}: {reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n {kind} source(s) skipped: only text sources are imported.</source>
        <translation>
            <numerusform>Đã bỏ qua %n nguồn {kind}: chỉ nhập các nguồn văn bản.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>An empty selection ({start}–{end}) in {label} was dropped.</source>
        <translation>Đã bỏ một vùng chọn trống ({start}–{end}) trong {label}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {label} holds no text and was skipped.</source>
        <translation>Đã bỏ qua {label} vì không có văn bản.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The {label} was skipped: its text is not inside the archive ({where}).</source>
        <translation>Đã bỏ qua {label}: văn bản của nó không nằm trong kho nén ({where}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no path given</source>
        <translation>không có đường dẫn</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n coding(s) refer to codes missing from the codebook; those highlights were imported without them.</source>
        <translation>
            <numerusform>%n lần gán mã trỏ đến mã không có trong bộ mã; các đoạn đánh dấu đó được nhập mà không có các mã này.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The memo on “{title}” from the file was added below the one already in the library.</source>
        <translation>Ghi nhớ về “{title}” trong tệp đã được thêm vào bên dưới ghi nhớ sẵn có trong thư viện.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it is not well-formed XML ({reason}).</source>
        <translation>tệp không phải XML hợp lệ ({reason}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a REFI-QDA codebook (its root is not CodeBook).</source>
        <translation>tệp không phải bộ mã REFI-QDA (gốc không phải CodeBook).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the codebook holds no codes.</source>
        <translation>bộ mã không chứa mã nào.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{file}: %n new tag(s), {present} already in the codebook (kept as they are).</source>
        <translation>
            <numerusform>{file}: %n nhãn mới, {present} nhãn đã có trong bộ mã (giữ nguyên).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The library has no tags yet: a codebook needs at least one.</source>
        <translation>Thư viện chưa có nhãn nào: bộ mã cần ít nhất một nhãn.</translation>
    </message>
</context>
<context>
    <name>_Row</name>
    <message>
        <location filename="../../desktop_app/ui/analysis/where_editor.py" line="-92"/>
        <source>Attribute</source>
        <translation>Thuộc tính</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole-article code</source>
        <translation>mã cả bài</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comparison</source>
        <translation>Phép so sánh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Remove this condition</source>
        <translation>Xoá điều kiện này</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>outlet</source>
        <translation>tờ báo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>published</source>
        <translation>ngày đăng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>year</source>
        <translation>năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>author</source>
        <translation>tác giả</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>domain</source>
        <translation>tên miền</translation>
    </message>
</context>
</TS>
