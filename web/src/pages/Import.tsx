import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Tabs, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, ApiError, errorText } from '../api';
import { useCategories } from '../hooks';
import JobProgress from '../components/JobProgress';
import BatchImport from '../components/BatchImport';
import { useMyGroups } from '../components/AuthGate';

interface Batch { id: string; label: string }
type PasteResult = { kind: 'ok'; id: string; title: string } | { kind: 'dup'; id: string; message: string };

export default function Import() {
  const { message } = App.useApp();
  const categories = useCategories();
  const [batches, setBatches] = useState<Batch[]>([]);
  const [category, setCategory] = useState<string>();
  // A team member may keep what they import to one of their groups (分组): only its members see it.
  const groups = useMyGroups();
  const [group, setGroup] = useState<string>();
  const [paste, setPaste] = useState<PasteResult>();
  const [busy, setBusy] = useState(false);
  const [url, setUrl] = useState('');
  const [form] = Form.useForm<{ title?: string; category?: string; text: string }>();
  const addBatch = (id: string, label: string) => setBatches((b) => [{ id, label }, ...b]);

  const uploadFiles = async (files: File[], mapping?: Record<string, string>) => {
    const fd = new FormData();
    if (category) fd.append('category', category);
    if (mapping) fd.append('mapping', JSON.stringify(mapping));
    if (group) fd.append('groupId', group);
    for (const f of files) fd.append('files', f, f.name);
    try {
      const job = await api.importFiles(fd);
      addBatch(job.id, files.length === 1 ? files[0].name : `${files.length} 个文件`);
    } catch (e) { message.error(`上传失败：${errorText(e)}`); }
  };
  const submitPaste = async (v: { title?: string; category?: string; text: string }) => {
    setBusy(true); setPaste(undefined);
    try {
      const d = await api.createDocument({ text: v.text, title: v.title || undefined, category: v.category || undefined, ...(group ? { groupId: group } : {}) });
      setPaste({ kind: 'ok', id: d.id, title: d.title });
      form.resetFields();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DUPLICATE' && e.body.existingId) setPaste({ kind: 'dup', id: e.body.existingId, message: e.message });
      else message.error(errorText(e));
    } finally { setBusy(false); }
  };
  const submitUrl = async () => {
    if (!/^https?:\/\/\S+$/i.test(url.trim())) { message.warning('请输入以 http:// 或 https:// 开头的网址'); return; }
    try { const job = await api.importUrl(url.trim(), category, group); addBatch(job.id, url.trim()); setUrl(''); } catch (e) { message.error(errorText(e)); }
  };
  const catSelect = <Select allowClear placeholder="自动判断类别" style={{ width: 180 }} value={category} onChange={setCategory} aria-label="导入类别"
    options={categories.map((c) => ({ value: c, label: c }))} />;

  const tabs = [
    { key: 'files', label: '上传文件', children: (
      <Upload.Dragger multiple showUploadList={false} accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf,.jsonl,.csv"
        beforeUpload={(file, list) => { if (file === list[list.length - 1]) void uploadFiles(list as unknown as File[]); return false; }}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">把文件拖到这里，或点击选择（可一次选多个）</p>
        <p className="ant-upload-hint">支持 .txt（UTF-8 / GBK 自动识别）、.md、.html、.docx、.pdf；重复的文献会自动跳过</p>
      </Upload.Dragger>) },
    { key: 'paste', label: '粘贴文本', children: (
      <Form form={form} layout="vertical" onFinish={submitPaste} requiredMark={false}>
        <Row gutter={12}>
          <Col xs={24} md={16}><Form.Item name="title" label="标题"><Input placeholder="留空则取正文第一行" maxLength={500} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="category" label="类别"><Select allowClear placeholder="自动判断" options={categories.map((c) => ({ value: c, label: c }))} /></Form.Item></Col>
        </Row>
        <Form.Item name="text" label="正文" rules={[{ required: true, whitespace: true, message: '请粘贴正文' }]}>
          <Input.TextArea rows={10} placeholder="把新闻报道、政策文件或案例材料的正文粘贴到这里" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>保存并分析</Button>
        {paste?.kind === 'ok' && <Alert style={{ marginTop: 12 }} type="success" showIcon title={<>已保存：<Link to={`/documents/${paste.id}`}>{paste.title}</Link></>} />}
        {paste?.kind === 'dup' && <Alert style={{ marginTop: 12 }} type="warning" showIcon data-testid="paste-duplicate"
          title={<>{paste.message || '这篇文献已经在库中'}：<Link to={`/documents/${paste.id}`}>查看已有文献</Link></>} />}
      </Form>) },
    { key: 'url', label: '网页链接', children: (
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="https://…（服务器需要能访问该网址）" value={url} onChange={(e) => setUrl(e.target.value)} onPressEnter={submitUrl} aria-label="网页链接" />
        <Button type="primary" onClick={submitUrl}>抓取并导入</Button>
      </Space.Compact>) },
    { key: 'batch', label: '批量（JSONL / CSV）', children: <BatchImport onStart={(f, m) => uploadFiles([f], m)} /> },
  ];

  return (
    <div>
      <div className="zz-page-title"><h2>导入</h2>
        <Space wrap>
          <span className="zz-muted">类别</span>{catSelect}
          {groups.length > 0 && <>
            <span className="zz-muted">可见范围</span>
            <Select allowClear placeholder="全库可见" style={{ width: 200 }} value={group} onChange={setGroup} aria-label="导入到分组"
              options={groups.map((g) => ({ value: g, label: `仅「${g}」分组可见` }))} />
          </>}
        </Space>
      </div>
      <Card><Tabs items={tabs} /></Card>
      <div aria-live="polite">
        {batches.map((b) => <JobProgress key={b.id} jobId={b.id} label={b.label} />)}
      </div>
      {batches.length === 0 && <div className="zz-muted" style={{ marginTop: 12 }}>导入进度会显示在这里。导入后可以到 <Link to="/library">文献库</Link> 查看。</div>}
    </div>
  );
}
