import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import { api, errorText, type DocumentDetail } from '../api';
import { useCategories, useThemeNames } from '../hooks';
import { useMyGroups } from './AuthGate';

interface Values { title: string; category: string; publisher?: string; url?: string; publishedAt?: string; issuer?: string; docNumber?: string; tags: string[]; themes: string[]; regions: string[]; groupId?: string | null }

/**
 * Editable metadata; theme corrections are sent as `themes` and train the classifier server-side. Regions
 * and themes are sent only when changed: once sent, they replace what the analysis finds, even when empty.
 */
export default function DocMeta({ doc, suggestedThemes, onSaved }: { doc: DocumentDetail; suggestedThemes: string[]; onSaved: () => void }) {
  const { message } = App.useApp();
  const categories = useCategories();
  const themeNames = useThemeNames();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // Themes a user set (even none) are shown as they are; otherwise the classifier's are offered.
  const userThemes = !!doc.themes?.length || !!doc.setByUser?.includes('themes');
  const init: Values = {
    title: doc.title, category: doc.category, publisher: doc.source?.publisher, url: doc.source?.url, publishedAt: doc.source?.publishedAt,
    issuer: doc.source?.issuer, docNumber: doc.source?.docNumber, tags: doc.tags ?? [], themes: userThemes ? doc.themes : suggestedThemes,
    regions: doc.filedRegions.map((r) => r.name), groupId: doc.groupId ?? null,
  };
  // Team mode: a document goes into one of the editor's own groups, or back to the whole library.
  const groups = useMyGroups();
  // A re-analysis changes what is shown (detected places and themes) without changing updatedAt.
  useEffect(() => { form.setFieldsValue(init); }, [doc.id, doc.updatedAt, doc.analyses[0]?.id]);
  const save = async (v: Values) => {
    setSaving(true);
    try {
      const themesChanged = JSON.stringify(v.themes) !== JSON.stringify(init.themes);
      const regionsChanged = JSON.stringify(v.regions) !== JSON.stringify(init.regions);
      await api.patchDocument(doc.id, {
        title: v.title, category: v.category, tags: v.tags,
        source: { publisher: v.publisher || undefined, url: v.url || undefined, publishedAt: v.publishedAt || undefined, issuer: v.issuer || undefined, docNumber: v.docNumber || undefined },
        ...(themesChanged ? { themes: v.themes } : {}),
        ...(regionsChanged ? { regions: v.regions } : {}),
        ...((v.groupId ?? null) !== init.groupId ? { groupId: v.groupId ?? null } : {}),
      });
      message.success(themesChanged ? '已保存；主题修改会用于改进自动分类' : '已保存');
      onSaved();
    } catch (e) { message.error(errorText(e)); } finally { setSaving(false); }
  };
  /** Hands regions or themes back to the analysis (the user's values are dropped). */
  const reset = async (part: 'regions' | 'themes') => {
    setSaving(true);
    try {
      await api.patchDocument(doc.id, { [part]: null });
      message.success(part === 'regions' ? '已恢复为自动识别的地区' : '已恢复为自动识别的主题');
      onSaved();
    } catch (e) { message.error(errorText(e)); } finally { setSaving(false); }
  };
  const resetLink = (part: 'regions' | 'themes', label: string) => doc.setByUser?.includes(part)
    ? <Button type="link" size="small" style={{ padding: 0 }} disabled={saving} onClick={() => { void reset(part); }}>{label}</Button> : null;
  const catOptions = [...new Set([...categories, doc.category])].map((c) => ({ value: c, label: c }));
  return (
    <Form form={form} layout="vertical" initialValues={init} onFinish={save} size="small" requiredMark={false}>
      <Form.Item name="title" label="标题" rules={[{ required: true, message: '标题不能为空' }]}><Input maxLength={500} /></Form.Item>
      <Form.Item name="category" label="类别"><Select options={catOptions} /></Form.Item>
      <Form.Item name="themes" label="主题（修正后用于改进分类）" extra={resetLink('themes', '恢复为自动识别的主题')}>
        <Select mode="tags" options={[...new Set([...suggestedThemes, ...(doc.themes ?? []), ...themeNames])].map((t) => ({ value: t, label: t }))} placeholder="选择或输入主题（23 类治理主题之一）" />
      </Form.Item>
      <Form.Item name="regions" label="地区（按地区筛选时以此为准）" extra={<>写省、市、区县或街道乡镇的名称，如 上海市宝山区、枫桥镇；清空则不归入任何地区。{resetLink('regions', '恢复为自动识别的地区')}</>}>
        <Select mode="tags" placeholder="输入地区名称后回车" />
      </Form.Item>
      <Form.Item name="tags" label="标签"><Select mode="tags" placeholder="输入标签后回车" /></Form.Item>
      {(groups.length > 0 || doc.groupId) && (
        <Form.Item name="groupId" label="可见范围" extra="放入分组后，只有该分组的成员能看到、检索到这篇文档">
          <Select options={[{ value: null, label: '全库可见' }, ...[...new Set([...groups, ...(doc.groupId ? [doc.groupId] : [])])].map((g) => ({ value: g, label: `仅「${g}」分组可见` }))]} />
        </Form.Item>
      )}
      <Form.Item name="publisher" label="来源 / 发布机构"><Input /></Form.Item>
      <Form.Item name="url" label="原文链接" rules={[{ pattern: /^(https?:\/\/|$)/i, message: '请填写 http:// 或 https:// 开头的链接' }]}><Input /></Form.Item>
      <Form.Item name="publishedAt" label="发布日期" rules={[{ pattern: /^(\d{4}(-\d{2}(-\d{2})?)?)?$/, message: '格式：2024 或 2024-05 或 2024-05-01' }]}><Input placeholder="2024-05-01" /></Form.Item>
      {doc.category === '政策文件' && <>
        <Form.Item name="issuer" label="发文机关"><Input /></Form.Item>
        <Form.Item name="docNumber" label="文号"><Input placeholder="国办发〔2017〕13号" /></Form.Item>
      </>}
      <Button type="primary" htmlType="submit" loading={saving}>保存</Button>
    </Form>
  );
}
