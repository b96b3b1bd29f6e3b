// Tables as text files researchers open elsewhere: CSV for Excel and Markdown for notes.

/** Cells starting with = + @ (or - before a non-digit) would run as formulas in Excel; a leading ' keeps them text. */
function defuse(s: string): string {
  return /^[=+@\t\r]|^-(?!\d)/.test(s) ? `'${s}` : s;
}

function csvField(s: string): string {
  const v = defuse(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV (CRLF line ends) with a UTF-8 BOM so that Excel reads the Chinese correctly. */
export function tableToCsv(lines: string[][]): string {
  return '\ufeff' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r\n|\r|\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table (| escaped, < as &lt; so no HTML runs, line breaks as <br>); the first line is the head. */
export function tableToMarkdown([head, ...rows]: string[][]): string {
  const lines = [`| ${head.map(mdCell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
