import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, Form, Input, Modal, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorText } from '../api';
import { useAsync } from '../hooks';
import { BlockSkeleton, EmptyState, ErrorState } from '../components/States';
import { day } from '../constants';

export default function Collections() {
  const { message } = App.useApp();
  const nav = useNavigate();
  const { data, error, loading, reload } = useAsync((s) => api.collections(s), []);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const create = async () => {
    const v = await form.validateFields();
    try {
      const c = await api.createCollection(v);
      setOpen(false); form.resetFields();
      nav(`/collections/${c.id}`);
    } catch (e) { message.error(errorText(e)); }
  };
  return (
    <div>
      <div className="zz-page-title"><h2>专题</h2><Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建专题</Button></div>
      {error && <ErrorState message={error} onRetry={reload} />}
      {loading && !data ? <BlockSkeleton height={300} rows={6} /> : data?.items.length === 0 ? (
        <Card><EmptyState text="还没有专题：点击“新建专题”，或在文献页点“加入专题”" /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          {data?.items.map((c) => (
            <Col xs={24} sm={12} lg={8} key={c.id}>
              <Card title={<Link to={`/collections/${c.id}`}>{c.name}</Link>} extra={<span className="zz-muted">{c.count} 篇</span>} style={{ height: '100%' }}>
                <div style={{ minHeight: 44, color: '#595959' }}>{c.description || <span className="zz-muted">暂无说明</span>}</div>
                <div className="zz-muted">更新于 {day(c.updatedAt)}</div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Modal open={open} title="新建专题" okText="创建" cancelText="取消" onOk={create} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '专题名称不能为空' }]}><Input maxLength={200} placeholder="如：城市社区议事协商" /></Form.Item>
          <Form.Item name="description" label="说明"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
