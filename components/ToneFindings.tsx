import { checkTone, TONE_LABEL } from '../lib/appeal/toneCheck';

/** Tone check of text the seller will send; the buyer's quoted words are not counted against them. */
export function ToneFindings({ text }: { text: string }) {
  const findings = checkTone(text);
  if (findings.length === 0) return <p className="rg-ok" data-testid="tone-ok">语气检查：平实、客观</p>;
  return (
    <ul className="rg-tone" data-testid="tone-findings" aria-label="语气检查">
      {findings.map((f) => (
        <li key={`${f.index}-${f.text}`}>
          <b>{TONE_LABEL[f.kind]}</b>“{f.text}”：{f.suggestion}
        </li>
      ))}
    </ul>
  );
}
