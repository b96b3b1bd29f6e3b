// Stable error codes for everything that can go wrong turning user input into documents. The code is for
// programs (API clients, job records); the message is for people: plain Chinese, saying what to do next.

export const INGEST_ERROR_CODES = [
  'EMPTY_FILE', 'BINARY_FILE', 'UNSUPPORTED_TYPE', 'TOO_LARGE', 'ENCODING_UNKNOWN',
  'CORRUPT_DOCX', 'CORRUPT_PDF', 'ENCRYPTED_PDF', 'PDF_NO_TEXT', 'ZIP_BOMB',
  'BAD_HTML', 'BAD_CSV', 'BAD_JSONL_LINE', 'MISSING_TEXT_FIELD',
  'URL_INVALID', 'URL_FORBIDDEN', 'URL_TIMEOUT', 'URL_HTTP_ERROR', 'URL_TOO_LARGE',
  'BAD_FILENAME', 'NOT_FOUND',
] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

export class IngestError extends Error {
  constructor(public code: IngestErrorCode, message: string, public item?: string) {
    super(message);
    this.name = 'IngestError';
  }
}

const MB = 1024 * 1024;
function size(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} 字节`;
}

/** Default Chinese messages. `d` carries the details a message may quote (sizes, status, field names). */
const MESSAGES: Record<IngestErrorCode, (d: Detail) => string> = {
  EMPTY_FILE: (d) => d.whitespace ? '文件只有空白字符，没有可导入的正文，请检查后重新导入' : '文件为空（0 字节），请检查后重新导入',
  BINARY_FILE: (d) => `这是二进制文件${d.kind ? `（看起来是${d.kind}）` : ''}，不是文本或支持的文档格式，无法导入；请导出为 .txt、.docx 或 .pdf 后再试`,
  UNSUPPORTED_TYPE: (d) => `不支持的文件类型${d.ext ? `「${d.ext}」` : ''}；可导入 .txt、.md、.html、.docx、.pdf、.csv、.jsonl`,
  TOO_LARGE: (d) => `文件过大${d.size !== undefined ? `（${size(d.size)}）` : ''}，超过上限 ${size(d.limit ?? 50 * MB)}；请拆分后导入，或调大 ZHIZHI_MAX_FILE_MB`,
  ENCODING_UNKNOWN: () => '无法识别文件的文字编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16），请用记事本等工具另存为 UTF-8 后重新导入',
  CORRUPT_DOCX: (d) => `Word 文件已损坏或不是有效的 .docx${d.reason ? `（${d.reason}）` : ''}；请用 Word/WPS 打开后另存为 .docx 再导入（旧版 .doc 需先转换）`,
  CORRUPT_PDF: () => 'PDF 文件已损坏或不完整，无法读取；请重新下载或用阅读器另存后再导入',
  ENCRYPTED_PDF: () => 'PDF 已加密或设有打开密码，无法提取文字；请先解除密码保护再导入',
  PDF_NO_TEXT: (d) => d.pages
    ? `PDF 共 ${d.pages} 页，只提取到 ${d.chars ?? 0} 个字，很可能是扫描件或图片（文字层只有页码、页眉之类）；请先做文字识别（OCR）后再导入`
    : 'PDF 中没有可提取的文字（可能是扫描件或图片）；请先做文字识别（OCR）后再导入',
  ZIP_BOMB: () => '压缩内容解压后异常巨大（疑似“压缩炸弹”），为安全起见已拒绝导入',
  BAD_HTML: (d) => d.reason ? `网页结构异常：${d.reason}，无法提取正文；请复制正文后以文本方式导入` : '网页中没有找到正文内容（可能只有脚本、导航或需要登录），请复制正文后以文本方式导入',
  BAD_CSV: (d) => `CSV 文件格式错误${d.reason ? `：${d.reason}` : ''}；请检查引号和分隔符是否成对、一致`,
  BAD_JSONL_LINE: (d) => `第 ${d.line ?? '?'} 行不是有效的 JSON，已跳过；每行应是一个 JSON 对象`,
  MISSING_TEXT_FIELD: (d) => `${d.line !== undefined ? `第 ${d.line} 行` : '该条目'}缺少正文字段${d.fields ? `（已查找：${d.fields}）` : ''}，已跳过；请在字段映射中指定正文所在的列或键`,
  URL_INVALID: () => '网址格式不正确，请输入以 http:// 或 https:// 开头的完整网址',
  URL_FORBIDDEN: (d) => d.reason ? `不允许访问该网址：${d.reason}` : `不允许的网址协议${d.scheme ? `「${d.scheme}」` : ''}，只支持 http 和 https`,
  URL_TIMEOUT: (d) => `访问网页超时${d.ms ? `（${Math.round(d.ms / 1000)} 秒内未完成）` : ''}，请稍后再试或检查网址`,
  URL_HTTP_ERROR: (d) => `网页返回错误${d.status ? `（HTTP ${d.status}）` : ''}${d.reason ? `：${d.reason}` : ''}，请检查网址是否正确、能否在浏览器中打开`,
  URL_TOO_LARGE: (d) => `网页内容过大，超过上限 ${size(d.limit ?? 50 * MB)}，已停止下载`,
  BAD_FILENAME: () => '文件名无效（为空或含有不允许的字符），请改名后重新导入',
  NOT_FOUND: () => '找不到该文件或文件夹，请检查路径是否正确',
};

export interface Detail {
  whitespace?: boolean; kind?: string; ext?: string; size?: number; limit?: number; reason?: string;
  line?: number; fields?: string; scheme?: string; ms?: number; status?: number; pages?: number; chars?: number;
}

/** Builds an IngestError with the standard Chinese message for `code`. */
export function ingestError(code: IngestErrorCode, item?: string, detail: Detail = {}): IngestError {
  return new IngestError(code, MESSAGES[code](detail), item);
}
