// Tables as text files researchers open elsewhere: CSV for Excel and Markdown for notes.

/**
 * Cells starting with = + @ or - would run as formulas in Excel (-1+HYPERLINK(…) too); a leading ' keeps
 * them text. A plain negative number (-5, -3.2%) is left as it is.
 */
function defuse(s: string): string {
  return /^[=+@\t\r]/.test(s) || (s.startsWith('-') && !/^-\d+(\.\d+)?%?$/.test(s)) ? `'${s}` : s;
}

function csvField(s: string): string {
  const v = defuse(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV (CRLF line ends) with a UTF-8 BOM so that Excel reads the Chinese correctly. */
export function tableToCsv(lines: string[][]): string {
  return '\ufeff' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Text as Markdown shows it literally: no HTML, link, image or emphasis of it runs (a title ![x](http://…) loaded an image). */
export function markdownText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/</g, '&lt;').replace(/[*_`#[\]|~]/g, '\\$&');
}

function mdCell(s: string): string {
  return markdownText(s).replace(/\r\n|\r|\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table (cells literal, see markdownText; line breaks as <br>); the first line is the head. */
export function tableToMarkdown([head, ...rows]: string[][]): string {
  const lines = [`| ${head.map(mdCell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
