<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AnnotationHistory</name>
    <message>
        <location filename="../../desktop_app/ui/undo.py" line="+169"/>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit article memo</source>
        <translation>Sửa ghi nhớ của bài</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resize highlight “%1”</source>
        <translation>Đổi phạm vi đoạn đánh dấu “%1”</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Highlight “%1”</source>
        <translation>Đánh dấu “%1”</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Delete %1 highlights</source>
        <translation>Xóa %1 đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Change tags of %1 highlights</source>
        <translation>Đổi nhãn của %1 đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete “%1”</source>
        <translation>Xóa “%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change tags of “%1”</source>
        <translation>Đổi nhãn của “%1”</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Re-attach “%1”</source>
        <translation>Gắn lại “%1”</translation>
    </message>
</context>
<context>
    <name>AnnotationPane</name>
    <message>
        <location filename="../../desktop_app/ui/annotation_pane.py" line="+86"/>
        <source>TAGS — select text, then click a tag</source>
        <translation>NHÃN — chọn đoạn văn rồi bấm vào một nhãn</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No highlights yet.

Select a passage in the text, then press Ctrl+H, right-click → Highlight with tags…, or click a tag above.</source>
        <translation>Chưa có đánh dấu nào.

Chọn một đoạn trong bài, rồi nhấn Ctrl+H, nhấp chuột phải → Đánh dấu và gắn nhãn…, hoặc nhấp một nhãn ở trên.</translation>
    </message>
    <message>
        <location line="+46"/>
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
        <location line="+55"/>
        <source>All tags</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message>
        <location line="-53"/>
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
    <message>
        <location line="+36"/>
        <source>Add tags to %1 highlights…</source>
        <translation>Thêm nhãn cho %1 đoạn đánh dấu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tags from %1 highlights…</source>
        <translation>Bỏ nhãn khỏi %1 đoạn đánh dấu…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete %1 highlights</source>
        <translation>Xóa %1 đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+81"/>
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
    <name>ArticleDetailsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/article_details.py" line="+27"/>
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
        <location line="+5"/>
        <source>Imported from</source>
        <translation>Nhập từ</translation>
    </message>
    <message>
        <location line="+6"/>
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
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../desktop_app/ui/article_list.py" line="+29"/>
        <location line="+68"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../desktop_app/ui/concordance_table.py" line="+31"/>
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
        <location line="+3"/>
        <source>Matched by syllables: this article&apos;s word segmentation is not finished.</source>
        <translation>Khớp theo âm tiết: bài viết này chưa được tách từ xong.</translation>
    </message>
</context>
<context>
    <name>ConcordanceWindow</name>
    <message>
        <location filename="../../desktop_app/ui/concordance_window.py" line="+153"/>
        <source>Concordance</source>
        <translation>Từ trong ngữ cảnh</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/concordance_form.py" line="+59"/>
        <source>A word or phrase: cán bộ, or can bo without diacritics</source>
        <translation>Một từ hoặc cụm từ: cán bộ, hoặc can bo không dấu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concordance query</source>
        <translation>Từ cần tra trong ngữ cảnh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match diacritics</source>
        <translation>Phân biệt dấu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticked by itself when the query has diacritics: “Đảng” finds only Đảng, “dang” finds đang, Đảng, đáng…
Click it to choose yourself.</source>
        <translation>Tự được chọn khi từ cần tìm có dấu: “Đảng” chỉ tìm Đảng, “dang” tìm cả đang, Đảng, đáng…
Bấm vào để tự chọn.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+9"/>
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
        <location line="+4"/>
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
        <location filename="../../desktop_app/ui/concordance_window.py" line="+58"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading every line…</source>
        <translation>Đang tải mọi dòng…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sorting…</source>
        <translation>Đang sắp xếp…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/concordance_actions.py" line="+73"/>
        <source>Tags for the selected line</source>
        <translation>Nhãn cho dòng đã chọn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags for %1 selected lines</source>
        <translation>Nhãn cho %1 dòng đã chọn</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tagged %1 lines with %2</source>
        <translation>Đã gắn nhãn %2 cho %1 dòng</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Exporting to %1…</source>
        <translation>Đang xuất ra %1…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/concordance_window.py" line="+70"/>
        <source>The concordance failed: %1</source>
        <translation>Không tra được từ trong ngữ cảnh: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/concordance_actions.py" line="+8"/>
        <source>Exported %1 lines to %2</source>
        <translation>Đã xuất %1 dòng ra %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/concordance_form.py" line="+18"/>
        <source>Type a word or phrase and press Enter. Diacritics are optional.</source>
        <translation>Gõ một từ hoặc cụm từ rồi nhấn Enter. Có dấu hay không dấu đều được.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No line matches “%1”.</source>
        <translation>Không có dòng nào khớp với “%1”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untick Match diacritics to find every spelling.</source>
        <translation>Bỏ chọn Phân biệt dấu để tìm mọi cách viết.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 lines found before you stopped; Load all lines to see the rest.</source>
        <translation>Đã tìm thấy %1 dòng trước khi dừng; bấm Tải tất cả các dòng để xem phần còn lại.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location filename="../../desktop_app/ui/concordance_actions.py" line="+11"/>
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
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop_app/ui/errors.py" line="+64"/>
        <source>Details were written to {path}.</source>
        <translation>Chi tiết đã được ghi vào {path}.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location filename="../../desktop_app/ui/export_dialog.py" line="+25"/>
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
        <location line="+13"/>
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
    <message>
        <location line="+2"/>
        <source>The {n} selected articles</source>
        <translation>{n} bài viết đã chọn</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+3"/>
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
        <location line="+18"/>
        <source>UTF-8 with BOM: Excel, LibreOffice, R and pandas read Vietnamese intact.</source>
        <translation>UTF-8 có BOM: Excel, LibreOffice, R và pandas đọc đúng tiếng Việt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles not yet segmented are segmented during the export.</source>
        <translation>Các bài chưa tách từ sẽ được tách từ trong lúc xuất.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions are counted in code points, as REFI-QDA 1.5 specifies.</source>
        <translation>Vị trí được tính theo code point, đúng như REFI-QDA 1.5 quy định.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../desktop_app/ui/file_actions.py" line="+32"/>
        <source>Export annotations</source>
        <translation>Xuất chú giải</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Exporting to {path}…</source>
        <translation>Đang xuất ra {path}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported {n} {unit} to {path}</source>
        <translation>Đã xuất {n} {unit} ra {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed</source>
        <translation>Xuất không thành công</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import annotations</source>
        <translation>Nhập chú giải</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotation files (*.csv *.json *.jsonld *.qdpx);;All files (*)</source>
        <translation>Tệp chú giải (*.csv *.json *.jsonld *.qdpx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Importing annotations from {path}…</source>
        <translation>Đang nhập chú giải từ {path}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported</source>
        <translation>Không nhập được gì</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Annotations imported</source>
        <translation>Đã nhập chú giải</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back up the library</source>
        <translation>Sao lưu thư viện</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Backup failed</source>
        <translation>Sao lưu không thành công</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write {path}: {error}</source>
        <translation>Không ghi được {path}: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Library backed up to {path}</source>
        <translation>Đã sao lưu thư viện vào {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SQLite (*.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore from backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace everything in the library with the backup {path}?

A copy of the current library is kept beside it first.</source>
        <translation>Thay toàn bộ thư viện bằng bản sao lưu {path}?

Trước đó, một bản sao của thư viện hiện tại sẽ được giữ lại bên cạnh.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restore failed</source>
        <translation>Khôi phục không thành công</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Library restored. The previous library was kept as {path}</source>
        <translation>Đã khôi phục thư viện. Thư viện trước đó được giữ lại tại {path}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="+21"/>
        <location line="+1"/>
        <source>Find in this article</source>
        <translation>Tìm trong bài này</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+59"/>
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
        <location filename="../../desktop_app/ui/frequency_window.py" line="+62"/>
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
        <location line="+95"/>
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
        <location line="+20"/>
        <source>Double-click a word to see it in context</source>
        <translation>Bấm đúp vào một từ để xem từ đó trong ngữ cảnh</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Count words in</source>
        <translation>Đếm từ trong</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>(no tags yet)</source>
        <translation>(chưa có nhãn)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+60"/>
        <source>Counting words…</source>
        <translation>Đang đếm từ…</translation>
    </message>
    <message>
        <location line="-37"/>
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
        <location line="+28"/>
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
    <message>
        <location line="+1"/>
        <source>%1 different words listed</source>
        <translation>%1 từ khác nhau được liệt kê</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 article counted by syllables: its word segmentation is not finished.</source>
        <translation>1 bài viết được đếm theo âm tiết: bài này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 articles counted by syllables: their word segmentation is not finished.</source>
        <translation>%1 bài viết được đếm theo âm tiết: các bài này chưa được tách từ xong.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 words</source>
        <translation>Đã xuất %1 từ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
</context>
<context>
    <name>HighlightActions</name>
    <message>
        <location filename="../../desktop_app/ui/highlight_actions.py" line="+34"/>
        <source>Next highlight at the cursor</source>
        <translation>Đoạn đánh dấu tiếp theo tại con trỏ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous highlight at the cursor</source>
        <translation>Đoạn đánh dấu trước tại con trỏ</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+27"/>
        <source>No highlight at the cursor.</source>
        <translation>Không có đoạn đánh dấu nào tại con trỏ.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Highlight %1 of %2 here</source>
        <translation>Đoạn đánh dấu %1 trên %2 tại đây</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+12"/>
        <source>Highlight: “%1”</source>
        <translation>Đoạn đánh dấu: “%1”</translation>
    </message>
</context>
<context>
    <name>HighlightEditor</name>
    <message>
        <location filename="../../desktop_app/ui/annotation_panel.py" line="+285"/>
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
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../desktop_app/ui/import_job.py" line="+148"/>
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
        <location line="-110"/>
        <source>Cancel import</source>
        <translation>Hủy nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the current file; files already imported are kept</source>
        <translation>Dừng sau tệp hiện tại; các tệp đã nhập vẫn được giữ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing %1 of %2 files</source>
        <translation>Đang nhập %1/%2 tệp</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+8"/>
        <source>Copy list</source>
        <translation>Sao chép danh sách</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../desktop_app/ui/language_menu.py" line="+20"/>
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
        <location filename="../../desktop_app/ui/library_filters.py" line="+32"/>
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
        <location line="+27"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Filter by source, date, tag or annotations</source>
        <translation>Lọc theo nguồn, ngày, nhãn hoặc chú giải</translation>
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
        <location line="+11"/>
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
        <location line="+22"/>
        <source>Any</source>
        <translation>Bất kỳ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All sources</source>
        <translation>Mọi nguồn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any tag</source>
        <translation>Mọi nhãn</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
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
        <location filename="../../desktop_app/ui/library_pane.py" line="+35"/>
        <source>Search all articles (diacritics optional)</source>
        <translation>Tìm mọi bài (không dấu cũng được)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search all articles</source>
        <translation>Tìm trong mọi bài viết</translation>
    </message>
    <message>
        <location line="+88"/>
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
        <location line="+16"/>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm không thành công: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="+111"/>
        <source>Read-only library: changes cannot be saved</source>
        <translation>Thư viện chỉ đọc: không thể lưu thay đổi</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Import articles…</source>
        <translation>Nhập bài viết…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a folder…</source>
        <translation>Nhập cả thư mục…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export annotations…</source>
        <translation>Xuất chú giải…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import annotations…</source>
        <translation>Nhập chú giải…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up…</source>
        <translation>Sao lưu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next highlight</source>
        <translation>Đoạn đánh dấu tiếp theo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous highlight</source>
        <translation>Đoạn đánh dấu trước</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manage tags…</source>
        <translation>Quản lý nhãn…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply tag %1</source>
        <translation>Gắn nhãn số %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Highlight with tags…</source>
        <translation>Đánh dấu và gắn nhãn…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Highlight the selected text and tag it (Ctrl+H)</source>
        <translation>Đánh dấu đoạn văn đã chọn và gắn nhãn (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit tags of highlight…</source>
        <translation>Sửa nhãn của đoạn đánh dấu…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+420"/>
        <source>Delete highlight</source>
        <translation>Xóa đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="-416"/>
        <source>Write article memo</source>
        <translation>Viết ghi nhớ cho bài</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find in article…</source>
        <translation>Tìm trong bài…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find previous</source>
        <translation>Tìm lùi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search all articles…</source>
        <translation>Tìm trong mọi bài viết…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show hidden web leftovers</source>
        <translation>Hiện phần thừa của trang web đã ẩn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show, greyed, the share buttons, counters and other web leftovers that are hidden from the article</source>
        <translation>Hiện bằng chữ xám các nút chia sẻ, bộ đếm và những phần thừa khác của trang web đang được ẩn khỏi bài</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Article details…</source>
        <translation>Thông tin bài viết…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concordance…</source>
        <translation>Từ trong ngữ cảnh…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Word frequencies…</source>
        <translation>Tần suất từ…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show word boundaries</source>
        <translation>Hiện ranh giới từ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Underline multi-syllable Vietnamese words (Ctrl+Shift+W)</source>
        <translation>Gạch dưới các từ tiếng Việt nhiều âm tiết (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading settings…</source>
        <translation>Cài đặt đọc…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bigger text</source>
        <translation>Chữ to hơn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smaller text</source>
        <translation>Chữ nhỏ hơn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Normal text size</source>
        <translation>Cỡ chữ mặc định</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+558"/>
        <source>About Chú Giải</source>
        <translation>Giới thiệu Chú Giải</translation>
    </message>
    <message>
        <location line="-554"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Word segmentation up to date</source>
        <translation>Đã tách từ xong</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Word segmentation paused</source>
        <translation>Đã tạm dừng tách từ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select some text in the article first.</source>
        <translation>Hãy chọn một đoạn văn trong bài trước.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+230"/>
        <source>Could not highlight</source>
        <translation>Không đánh dấu được</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Highlight saved</source>
        <translation>Đã lưu đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Highlight re-attached</source>
        <translation>Đã gắn lại đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select text, or a highlight, to apply “{tag}”.</source>
        <translation>Hãy chọn một đoạn văn hoặc một đoạn đánh dấu để gắn nhãn “{tag}”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no tag number %1 yet.</source>
        <translation>Chưa có nhãn số %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 highlights</source>
        <translation>%1 đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove a tag</source>
        <translation>Bỏ một nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this tag from the selected highlights:</source>
        <translation>Bỏ nhãn này khỏi các đoạn đánh dấu đã chọn:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Delete highlights</source>
        <translation>Xóa các đoạn đánh dấu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1 highlights and their notes? (Ctrl+Z brings them back.)</source>
        <translation>Xóa %1 đoạn đánh dấu và ghi chú của chúng? (Ctrl+Z để lấy lại.)</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Delete the highlight “{quote}” and its note?</source>
        <translation>Xóa đoạn đánh dấu “{quote}” cùng ghi chú của nó?</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+64"/>
        <source>Could not delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="-558"/>
        <source>Could not undo</source>
        <translation>Không thể hoàn tác</translation>
    </message>
    <message>
        <location line="+470"/>
        <location line="+158"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Highlight %1 passages</source>
        <translation>Đánh dấu %1 đoạn</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Import articles</source>
        <translation>Nhập bài viết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles (*.txt *.md *.html *.htm *.docx);;All files (*)</source>
        <translation>Bài viết (*.txt *.md *.html *.htm *.docx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a folder of articles</source>
        <translation>Nhập một thư mục bài viết</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>&lt;b&gt;Chú Giải {version}&lt;/b&gt;&lt;p&gt;Read, highlight and tag Vietnamese news articles.&lt;/p&gt;&lt;p&gt;Word segmentation by underthesea. Free software under the GNU GPL v3 or later.&lt;/p&gt;&lt;p&gt;Library: {path}&lt;/p&gt;</source>
        <translation>&lt;b&gt;Chú Giải {version}&lt;/b&gt;&lt;p&gt;Đọc, đánh dấu và gắn nhãn các bài báo tiếng Việt.&lt;/p&gt;&lt;p&gt;Tách từ bằng underthesea. Phần mềm tự do theo giấy phép GNU GPL phiên bản 3 trở lên.&lt;/p&gt;&lt;p&gt;Thư viện: {path}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MemoBox</name>
    <message>
        <location filename="../../desktop_app/ui/memo_box.py" line="+29"/>
        <source>MEMO</source>
        <translation>GHI NHỚ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your thoughts on this article: saved as you type</source>
        <translation>Suy nghĩ của bạn về bài này: được lưu ngay khi gõ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memo on this article</source>
        <translation>Ghi nhớ về bài này</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
    <message>
        <location line="+9"/>
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
    <name>OrphanBox</name>
    <message>
        <location filename="../../desktop_app/ui/orphan_box.py" line="+24"/>
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
    <name>PosLegend</name>
    <message>
        <location filename="../../desktop_app/ui/pos_legend.py" line="+46"/>
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
    <name>ReaderPane</name>
    <message>
        <location filename="../../desktop_app/ui/reader_pane.py" line="+39"/>
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
        <location filename="../../desktop_app/ui/overlap_marks.py" line="+164"/>
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
        <location line="+12"/>
        <source>%1 highlights here, innermost first</source>
        <translation>%1 đoạn đánh dấu tại đây, trong cùng trước</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no tags)</source>
        <translation>(không có nhãn)</translation>
    </message>
</context>
<context>
    <name>ReadingSettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/reading_settings_dialog.py" line="+39"/>
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
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../desktop_app/ui/search_results.py" line="+21"/>
        <source>(untitled)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
</context>
<context>
    <name>SegmentationStatus</name>
    <message>
        <location filename="../../desktop_app/ui/status.py" line="+39"/>
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
        <location filename="../../desktop_app/ui/workers.py" line="+224"/>
        <source>Word segmentation stopped: {0}</source>
        <translation>Việc tách từ đã dừng: {0}</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>Article {0} could not be segmented: {1}</source>
        <translation>Không tách từ được bài {0}: {1}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Article {0} could not be tagged: {1}</source>
        <translation>Không phân tích được từ loại và tên riêng của bài {0}: {1}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{0} It was restarted.</source>
        <translation>{0} Tiến trình đã được khởi động lại.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the segmentation process crashed on it twice; skipped</source>
        <translation>tiến trình tách từ bị lỗi hai lần với bài này; đã bỏ qua</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/shortcuts_dialog.py" line="+21"/>
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
    <name>StopwordsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/stopwords_dialog.py" line="+42"/>
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
        <location filename="../../desktop_app/ui/suggestions.py" line="+61"/>
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
    <message>
        <location line="+3"/>
        <source>Accept all {0} {1} suggestions in this article</source>
        <translation>Nhận cả {0} gợi ý {1} trong bài này</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Reject suggestion “%1”</source>
        <translation>Bỏ gợi ý “%1”</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../desktop_app/ui/tag_dialog.py" line="+34"/>
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
        <location filename="../../desktop_app/ui/tag_palette.py" line="+32"/>
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n đoạn đánh dấu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagManagerDialog</name>
    <message>
        <location filename="../../desktop_app/ui/tag_manager.py" line="+47"/>
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
        <location line="+73"/>
        <source>Could not change the tag</source>
        <translation>Không thể đổi nhãn</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Rename tag</source>
        <translation>Đổi tên nhãn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename tag “%1”</source>
        <translation>Đổi tên nhãn “%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Colour of “%1”</source>
        <translation>Màu của “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recolour tag “%1”</source>
        <translation>Đổi màu nhãn “%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(top level)</source>
        <translation>(cấp cao nhất)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move tag</source>
        <translation>Chuyển nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put “%1” under:</source>
        <translation>Đặt “%1” dưới:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move tag “%1”</source>
        <translation>Chuyển nhãn “%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+9"/>
        <source>Merge tags</source>
        <translation>Gộp nhãn</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Merge “%1” into:</source>
        <translation>Gộp “%1” vào:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the %1 highlights tagged “%2” (in %3 articles) the tag “%4” and remove “%2”? Their other tags stay.</source>
        <translation>Gắn nhãn “%4” cho %1 đoạn đánh dấu có nhãn “%2” (trong %3 bài) và bỏ nhãn “%2”? Các nhãn khác của chúng được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge “%1” into “%2”</source>
        <translation>Gộp “%1” vào “%2”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete the tag “%1”? It is on %2 highlights in %3 articles; the highlights stay, without this tag.</source>
        <translation>Xóa nhãn “%1”? Nhãn này có trên %2 đoạn đánh dấu trong %3 bài; các đoạn đánh dấu vẫn còn, chỉ không còn nhãn này.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete tag</source>
        <translation>Xóa nhãn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete tag “%1”</source>
        <translation>Xóa nhãn “%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Describe tag “%1”</source>
        <translation>Mô tả nhãn “%1”</translation>
    </message>
</context>
<context>
    <name>WordViewActions</name>
    <message>
        <location filename="../../desktop_app/ui/word_view_actions.py" line="+29"/>
        <source>Colour parts of speech</source>
        <translation>Tô màu theo từ loại</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour nouns, verbs, adjectives, names and numbers (Ctrl+Shift+P)</source>
        <translation>Tô màu danh từ, động từ, tính từ, tên riêng và số (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show named entities</source>
        <translation>Hiện thực thể có tên</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Underline the people, places and organisations the tagger suggests; right-click one to accept or reject it (Ctrl+Shift+E)</source>
        <translation>Gạch dưới người, địa danh và tổ chức mà bộ gán nhãn gợi ý; nhấp chuột phải vào một gợi ý để nhận hoặc bỏ (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Snap selection to words</source>
        <translation>Chọn theo trọn từ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A selection made with the mouse grows to whole words (hold Alt while releasing to keep it exact)</source>
        <translation>Vùng chọn bằng chuột được mở rộng thành trọn từ (giữ Alt khi thả chuột để giữ nguyên)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Parts of speech appear once this article is tagged (in the background).</source>
        <translation>Từ loại sẽ hiện khi bài này được gán nhãn xong (chạy nền).</translation>
    </message>
</context>
</TS>
