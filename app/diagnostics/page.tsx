import type { Metadata } from 'next';
import { DiagnosticsScreen } from '@/components/diagnostics/diagnostics-screen';

export const metadata: Metadata = { title: 'Diagnostics · Loopbook' };

export default function DiagnosticsPage() {
  return <DiagnosticsScreen />;
}
