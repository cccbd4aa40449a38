// Word lists the understanding pipeline needs that are about the languages, not about JKN content.
// Domain words and slang live in data/lexicon.yaml, where editors can extend them.

/**
 * Function words dropped before classification. Deliberately short: question words (apa, berapa, kapan,
 * siapa, how, when) and negations (tidak, belum, sudah, not) are kept, because "sudah aktif" and
 * "belum aktif" must not look alike. natural's own Indonesian list drops those, so it is not used here.
 */
export const STOPWORDS = new Set([
  'yang', 'di', 'ke', 'dari', 'dan', 'atau', 'itu', 'ini', 'nya', 'untuk', 'utk', 'dengan', 'pada', 'oleh', 'para',
  'saya', 'aku', 'gue', 'gw', 'kami', 'kita', 'anda', 'kamu', 'sy', 'ak',
  'kak', 'ka', 'kakak', 'min', 'mimin', 'admin', 'pak', 'bu', 'bapak', 'ibu', 'mas', 'mbak', 'bang', 'gan', 'sis',
  'sih', 'dong', 'deh', 'ya', 'yah', 'nih', 'tuh', 'kah', 'lah', 'pun', 'loh', 'lho', 'kok', 'kan', 'toh', 'nah', 'eh', 'hmm', 'ok',
  'the', 'a', 'an', 'of', 'to', 'is', 'are', 'am', 'be', 'was', 'were', 'my', 'i', 'me', 'you', 'your', 'it', 'its',
  'for', 'on', 'at', 'in', 'and', 'or', 'this', 'that', 'there', 'please', 'pls', 'plz', 'so', 'very', 'really',
]);

/** Words that only English uses, for telling an English message from an Indonesian one. */
export const ENGLISH_WORDS = new Set(`
about above after again all also am an and another any are as at be because been before being below between both
but by can cannot could did do does doing during each few for from further get got has had have her here him his how
if in into is it its like make many me might more most much must my never now of on only or other our out over own
said same see she should since so some still such take than that the their them then there these they this those
through to too under until up very was way we well were what where when which while who whom with would why you your
yours i hi hello hey thanks thank please bye goodbye good morning afternoon evening night yes okay
coverage covered member membership members card cards register registration registered sign join active activate
activation inactive reactivate category categories winner winners won win received receive get
held held insurance health national nationwide country city regency province region people participants percentage
percent rate number numbers contact call phone hours open office human agent person staff talk speak menu options
help newborn baby born child job quit resign resigned fired laid lost unemployed self employed independent arrears
overdue debt debts unpaid late fee fees penalty installment installments plan pay paid payment payments check status
still valid expired whether instead need needs want wants become became does cost costs price much long wait waiting
date venue where whom presented criteria requirement requirements mean means meaning same day immediately right away
hospital clinic treatment treated sick just only id card cover covers`.split(/\s+/).filter(Boolean));

/** Words only Indonesian uses (beyond the slang keys of the lexicon, which count as Indonesian too). */
export const INDONESIAN_WORDS = new Set(`
yang di ke dari dan atau itu ini nya untuk dengan pada saya aku kami kita anda kamu apa apakah bagaimana gimana
berapa kapan siapa dimana mana kenapa mengapa cara caranya tidak belum sudah udah bisa mau ingin sedang masih lagi
kembali jika kalau kalo klo ada adalah akan juga saja aja hanya harus perlu boleh tolong mohon minta tanya terima
kasih makasih selamat pagi siang sore malam halo hai assalamualaikum salam kak kakak min pak bu mas mbak dong deh sih
ya nih tuh banget sekali cakupan peserta kepesertaan kartu daftar mendaftar pendaftaran terdaftar aktif aktifkan
mengaktifkan nonaktif keaktifan penghargaan kategori pemenang meraih dapat mendapat menerima diberikan jumlah total
persen persentase penduduk warga daerah kota kabupaten provinsi seluruh nasional iuran bayar membayar tunggakan
nunggak menunggak denda cicilan bayi lahir anak kerja berhenti keluar pindah mandiri status cek mengecek berobat
rumah sakit puskesmas bawa langsung hari bulan tahun berapa diadakan acara tanggal dimana siapa bantuan hubungi
layanan petugas orang jam buka nomor menu pilihan sampai jumpa dadah oke baik siap terimakasih infonya informasi`.split(/\s+/).filter(Boolean));
