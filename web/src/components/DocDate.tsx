import { Tooltip } from 'antd';
import { day } from '../constants';
import { titleYear } from '../../../src/domain/title-year';

/**
 * A document's date in a list: its publication date; without one, the year its title states, which 年份
 * and 按日期 use too (2008年国务院政府工作报告); else the day it was added, said as such (an undated abstract
 * imported today is not a document of today: 按日期 lists it last).
 */
export default function DocDate({ publishedAt, createdAt, title }: { publishedAt?: string; createdAt: string; title?: string }) {
  if (publishedAt) return <span className="zz-muted">{day(publishedAt)}</span>;
  const year = titleYear(title);
  if (year) {
    return (
      <Tooltip title={`未注明发布日期：按标题中的年份归入 ${year} 年（年份筛选与按日期排序都用它）；${day(createdAt)} 加入知识库`}>
        <span className="zz-muted">{year} 年（据标题）</span>
      </Tooltip>
    );
  }
  return (
    <Tooltip title="未注明发布日期：显示加入知识库的日期；按日期排序时排在有日期的文档之后">
      <span className="zz-muted">{day(createdAt)} 加入</span>
    </Tooltip>
  );
}
