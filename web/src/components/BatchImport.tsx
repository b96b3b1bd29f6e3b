import { useState } from 'react';
import { App, Button, Col, Form, Row, Select, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

const FIELDS: [string, string, boolean][] = [
  ['text', '正文', true], ['title', '标题', false], ['category', '类别', false], ['publisher', '来源', false],
  ['url', '链接', false], ['publishedAt', '发布日期', false], ['tags', '标签', false],
];
const GUESS: Record<string, RegExp> = {
  text: /^(text|content|body|正文|内容|全文)$/i, title: /^(title|标题|题名|名称)$/i, category: /^(category|类别|分类|type)$/i,
  publisher: /^(publisher|source|来源|发布机构|媒体)$/i, url: /^(url|link|链接|网址)$/i, publishedAt: /^(publishedAt|date|published|日期|发布日期|时间)$/i,
  tags: /^(tags|keywords|标签|关键词)$/i,
};

/** Column names from a CSV header line or the first JSONL object. */
async function columnsOf(file: File): Promise<string[]> {
  const head = await file.slice(0, 65536).text();
  const first = head.split(/\r?\n/).find((l) => l.trim()) ?? '';
  if (/\.jsonl$/i.test(file.name) || first.trim().startsWith('{')) {
    try { return Object.keys(JSON.parse(first) as object); } catch { return []; }
  }
  return first.replace(/^\uFEFF/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, '')).filter(Boolean);
}

/** A .jsonl/.csv batch with a field-mapping form; calls onStart with the file and mapping. */
export default function BatchImport({ onStart }: { onStart: (file: File, mapping: Record<string, string>) => Promise<void> }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [cols, setCols] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, string>>();
  const pick = async (f: File) => {
    setFile(f);
    const c = await columnsOf(f);
    setCols(c);
    const guess: Record<string, string | undefined> = {};
    for (const [k] of FIELDS) guess[k] = c.find((x) => GUESS[k].test(x));
    form.setFieldsValue(guess as Record<string, string>);
    if (!c.length) message.warning('没能读出列名：请确认 CSV 第一行是表头，或 JSONL 每行是一个 JSON 对象');
  };
  const submit = async (v: Record<string, string | undefined>) => {
    if (!file) return;
    const mapping = Object.fromEntries(Object.entries(v).filter(([, c]) => c)) as Record<string, string>;
    setBusy(true);
    try { await onStart(file, mapping); setFile(undefined); setCols([]); form.resetFields(); } finally { setBusy(false); }
  };
  return (
    <div>
      <Upload.Dragger accept=".jsonl,.csv,.ndjson" multiple={false} showUploadList={false} beforeUpload={(f) => { void pick(f); return false; }}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{file ? `已选择：${file.name}` : '拖入或点击选择一个 .jsonl / .csv 文件'}</p>
        <p className="ant-upload-hint">每行一篇文献；选好文件后对应下面的字段</p>
      </Upload.Dragger>
      {file && (
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }}>
          <Row gutter={12}>
            {FIELDS.map(([k, label, req]) => (
              <Col xs={12} md={6} key={k}>
                <Form.Item name={k} label={`${label}（${k}）`} rules={req ? [{ required: true, message: '请选择正文所在的列' }] : []}>
                  <Select allowClear placeholder="不导入" options={cols.map((c) => ({ value: c, label: c }))} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" loading={busy}>开始批量导入</Button>
        </Form>
      )}
    </div>
  );
}
