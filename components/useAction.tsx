import { useState } from 'react';

export interface ActionStatus {
  ok: boolean;
  text: string;
}

/**
 * One seller action at a time (export, backup, restore): busy while it runs, then the message it returns, or the
 * message of what it threw (`describeError`, by default the error's own message) as a failure.
 */
export function useAction(describeError: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error))) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const run = async (work: () => Promise<ActionStatus>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (error) {
      setStatus({ ok: false, text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, run };
}

/** The line under an action's button: green when it went through, red when not. */
export function ActionStatusLine({ status, testId }: { status: ActionStatus | null; testId: string }) {
  if (!status) return null;
  return (
    <p className={status.ok ? 'rg-ok' : 'rg-error'} data-testid={testId}>
      {status.text}
    </p>
  );
}
