import { Tooltip } from 'antd';
import { day } from '../constants';

/**
 * A document's date in a list: its publication date, or, when it has none, the day it was added, said
 * as such (an undated abstract imported today is not a document of today: 按日期 lists it last).
 */
export default function DocDate({ publishedAt, createdAt }: { publishedAt?: string; createdAt: string }) {
  if (publishedAt) return <span className="zz-muted">{day(publishedAt)}</span>;
  return (
    <Tooltip title="未注明发布日期：显示加入知识库的日期；按日期排序时排在有日期的文档之后">
      <span className="zz-muted">{day(createdAt)} 加入</span>
    </Tooltip>
  );
}
