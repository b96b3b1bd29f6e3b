import type { ReactNode } from 'react';
import { Alert, Button, Empty, Skeleton } from 'antd';
import { Link } from 'react-router-dom';

/** Fixed-height placeholder so the layout does not jump when data arrives. */
export function PageSkeleton({ height = 480 }: { height?: number }) {
  return (
    <div style={{ minHeight: height }} aria-busy="true" aria-label="加载中">
      <Skeleton active paragraph={{ rows: 8 }} />
    </div>
  );
}

export function BlockSkeleton({ height = 240, rows = 4 }: { height?: number; rows?: number }) {
  return <div style={{ height, overflow: 'hidden' }} aria-busy="true"><Skeleton active title={false} paragraph={{ rows }} /></div>;
}

/** An error that says what to do next, with a retry button. */
export function ErrorState({ message, onRetry, hint }: { message: string; onRetry?: () => void; hint?: ReactNode }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={<>{message}{hint && <div style={{ marginTop: 4 }}>{hint}</div>}</>}
      action={onRetry && <Button size="small" onClick={onRetry}>重试</Button>}
      role="alert"
    />
  );
}

export function EmptyState({ text, to, action }: { text: ReactNode; to?: string; action?: string }) {
  return (
    <Empty description={text} image={Empty.PRESENTED_IMAGE_SIMPLE}>
      {to && action && <Link to={to}><Button type="primary">{action}</Button></Link>}
    </Empty>
  );
}
