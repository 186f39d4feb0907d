// Package bigplan writes plans of any size for tests of memory and time:
// the header and closing of a real plan around as many numbered tasks as
// the size asks for.
package bigplan

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

const head = `SỞ GIAO THÔNG VẬN TẢI
Số: 12/KH-SGTVT
Sơn La, ngày 15 tháng 5 năm 2023

KẾ HOẠCH
Triển khai công tác năm 2023 của Sở Giao thông vận tải

Thực hiện Kế hoạch số 115/KH-UBND ngày 28/4/2023 của UBND tỉnh Sơn La, Sở Giao thông vận tải xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Tổ chức triển khai thực hiện các nhiệm vụ đảm bảo thiết thực, phù hợp với điều kiện thực tế.

II. CÁC NỘI DUNG HOẠT ĐỘNG
1. Đẩy mạnh tuyên truyền, nâng cao nhận thức về an toàn giao thông.

III. TỔ CHỨC THỰC HIỆN
`

const tail = `
Văn phòng Sở có trách nhiệm theo dõi, đôn đốc, hướng dẫn các phòng, đơn vị thực hiện nội dung Kế hoạch và tổng hợp báo cáo kết quả thực hiện gửi về UBND tỉnh trước ngày 30/12/2023.

Nơi nhận:
- UBND tỉnh;
- Các phòng, đơn vị thuộc Sở;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
`

var duties = []string{
	"Văn phòng Sở chủ trì, phối hợp với Phòng Kế hoạch - Tài chính tăng cường thông tin, tuyên truyền nâng cao nhận thức và trách nhiệm của cán bộ, công chức, viên chức, người lao động về an toàn giao thông trên địa bàn tỉnh",
	"Phòng Quản lý vận tải chủ trì kiểm tra, hướng dẫn các đơn vị kinh doanh vận tải thực hiện đúng quy định về điều kiện kinh doanh, bảo đảm an toàn cho hành khách trong dịp cao điểm",
	"Thanh tra Sở tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm trật tự an toàn giao thông, trọng tâm là chở quá tải trọng, quá số người quy định",
}

// Write writes a plan of about size bytes to w.
func Write(w io.Writer, size int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(head)
	n := len(head) + len(tail)
	for i := 1; n < size; i++ {
		line := fmt.Sprintf("%d. %s (đợt %d), hoàn thành trước ngày 30/11/2023.\n\n", i, duties[i%len(duties)], i)
		bw.WriteString(line)
		n += len(line)
	}
	bw.WriteString(tail)
	return bw.Flush()
}

// Text is a plan of about size bytes.
func Text(size int) string {
	var b strings.Builder
	Write(&b, size)
	return b.String()
}
