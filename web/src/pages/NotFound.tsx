import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export default function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="地址可能有误：回到概览，或用检索查找文献。" extra={<Link to="/"><Button type="primary">回到概览</Button></Link>} />;
}
