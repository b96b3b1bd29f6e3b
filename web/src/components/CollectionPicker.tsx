import { useState } from 'react';
import { App, Divider, Input, Modal, Select } from 'antd';
import { api, errorText, type CollectionSummary } from '../api';

/** Modal to choose an existing 专题 or name a new one; resolves with the collection id. */
export default function CollectionPicker({ open, onClose, onPicked, title = '加入专题' }: {
  open: boolean; onClose: () => void; onPicked: (collectionId: string, name: string) => Promise<void> | void; title?: string;
}) {
  const { message } = App.useApp();
  const [list, setList] = useState<CollectionSummary[]>();
  const [chosen, setChosen] = useState<string>();
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () => { api.collections().then((r) => setList(r.items), (e) => message.error(errorText(e))); };
  const ok = async () => {
    setBusy(true);
    try {
      if (newName.trim()) {
        const c = await api.createCollection({ name: newName.trim() });
        await onPicked(c.id, c.name);
      } else if (chosen) {
        await onPicked(chosen, list?.find((c) => c.id === chosen)?.name ?? '');
      } else {
        message.warning('请选择一个专题，或输入新专题的名称');
        return;
      }
      setNewName(''); setChosen(undefined); onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={ok} okText="确定" confirmLoading={busy} afterOpenChange={(o) => o && load()} destroyOnHidden>
      <Select style={{ width: '100%' }} placeholder="选择已有专题" value={chosen} onChange={setChosen} loading={!list} aria-label="选择已有专题"
        options={(list ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.count} 篇）` }))} showSearch={{ optionFilterProp: 'label' }}
        notFoundContent="还没有专题：在下方输入名称新建" />
      <Divider plain>或新建专题</Divider>
      <Input placeholder="新专题名称，如：基层议事协商" value={newName} onChange={(e) => setNewName(e.target.value)} aria-label="新专题名称" maxLength={200} />
    </Modal>
  );
}
