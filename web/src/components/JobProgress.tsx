import { useEffect, useState, type CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Progress, Space, Tag } from 'antd';
import { api, errorText, type Job } from '../api';

const FINAL = new Set(['done', 'failed', 'interrupted']);
const STATE: Record<string, string> = { queued: '排队中', running: '导入中', done: '已完成', failed: '失败', interrupted: '已中断' };

/** Polls GET /api/jobs/:id every 500 ms and shows progress, per-item errors and duplicates. */
/** A list of items wrapped between items and inside a long one (a batch's rows are file.jsonl#1, #2 … with no space to break at). */
const WRAPPED_LIST: CSSProperties = { marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: '2px 12px', overflowWrap: 'anywhere' };

/** How an item is named: a batch row by its title and row (the item, rows.csv#3, says only where it came from), else the file or URL. */
function itemLabel(r: Job['results'][number]): string {
  return r.row != null && r.title ? `${r.title}（第 ${r.row} 行）` : r.item;
}

export default function JobProgress({ jobId, label, onFinished }: { jobId: string; label: string; onFinished?: (job: Job) => void }) {
  const [job, setJob] = useState<Job>();
  const [err, setErr] = useState<string>();
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const j = await api.job(jobId);
        if (stop) return;
        setJob(j); setErr(undefined);
        if (FINAL.has(j.state)) { onFinished?.(j); return; }
      } catch (e) { if (!stop) setErr(errorText(e)); }
      if (!stop) timer = setTimeout(tick, 500);
    };
    void tick();
    return () => { stop = true; clearTimeout(timer); };
  }, [jobId]);
  const pct = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  const finished = job && FINAL.has(job.state);
  // A finished job in which nothing got in (every item failed) is a failure to the reader, whatever the job state says.
  const nothingIn = !!job && finished && job.failed > 0 && job.imported === 0 && job.duplicates === 0;
  const status = !job ? 'active' : job.state === 'failed' || job.state === 'interrupted' || nothingIn ? 'exception' : finished ? (job.failed ? 'normal' : 'success') : 'active';
  const imported = job?.results.filter((r) => r.status === 'imported' && r.documentId) ?? [];
  const dups = job?.results.filter((r) => r.status === 'duplicate') ?? [];
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="job-card" data-state={job?.state ?? 'queued'}
      title={<Space>{label}<Tag color={nothingIn || job?.state === 'failed' ? 'red' : finished ? (job?.failed ? 'orange' : 'green') : 'blue'}>{nothingIn ? '未能导入' : job?.state === 'done' && job.failed ? '部分完成' : STATE[job?.state ?? 'queued']}</Tag></Space>}>
      <Progress percent={finished && job?.state === 'done' ? 100 : pct} status={status} aria-label={`${label} 进度`}
        format={() => `${job?.done ?? 0} / ${job?.total ?? '…'}`} />
      {job && (
        <div className="zz-muted" style={{ marginTop: 4 }} data-testid="job-summary">
          导入 {job.imported} 篇 · 重复 {job.duplicates} 篇 · 失败 {job.failed} 篇
        </div>
      )}
      {err && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`暂时取不到进度：${err}（会自动重试）`} />}
      {imported.length > 0 && (
        <div style={WRAPPED_LIST}>
          <b>已导入：</b>
          {imported.slice(0, 20).map((r) => (
            // A batch's rows say only where they came from (rows.jsonl#3): the title says what was imported.
            <Link key={r.documentId} to={`/documents/${r.documentId}`} data-testid="imported-link" title={r.item}>
              {itemLabel(r)}
            </Link>
          ))}
          {imported.length > 20 && <span className="zz-muted">等 {imported.length} 篇，到文献库查看全部</span>}
        </div>
      )}
      {imported.some((r) => r.message) && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`${imported.filter((r) => r.message).length} 篇已导入，但有内容未采用`}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{imported.filter((r) => r.message).slice(0, 20).map((r) => (
            <li key={r.documentId}><b>{itemLabel(r)}</b>：{r.message}</li>
          ))}</ul>} />
      )}
      {dups.length > 0 && (
        <div style={WRAPPED_LIST}>
          <b>重复（未再次导入）：</b>
          {dups.map((r, i) => (
            <span key={i}>{r.row != null && r.title ? `第 ${r.row} 行` : r.item} → {r.documentId ? <Link to={`/documents/${r.documentId}`} data-testid="duplicate-link">查看已有文献</Link> : '已在库中'}</span>
          ))}
        </div>
      )}
      {job && job.errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={job.imported + job.duplicates > 0 ? `${job.errors.length} 项未能导入（其余照常导入）` : `${job.errors.length} 项未能导入`}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{job.errors.map((e, i) => <li key={i}><b>{e.item}</b>：{e.message}</li>)}</ul>} />
      )}
    </Card>
  );
}
