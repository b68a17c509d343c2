import { useEffect, useReducer } from 'react';
import {
  PIXEL_CAPTURE_PERMISSION,
  consoleHosts,
  hasPixelPermission,
  pixelPermissionReducer,
  pixelPermissionView,
  type PermissionsPort,
} from '../lib/evidence/pixelPermission';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * 像素级截图 permission: asked for from the seller's click (a user gesture: `permissions.request` is called before
 * any await), shown as granted / not granted, and revocable.
 */
export function PixelPermissionSetting({ permissions = browser.permissions as unknown as PermissionsPort }: { permissions?: PermissionsPort }) {
  const [state, dispatch] = useReducer(pixelPermissionReducer, { status: 'checking' });
  useEffect(() => {
    let live = true;
    void hasPixelPermission(permissions).then((granted) => live && dispatch({ type: 'checked', granted }));
    const follow = () => void hasPixelPermission(permissions).then((granted) => live && dispatch({ type: 'changed', granted }));
    // Following changes made elsewhere is a nicety: an environment without these events still shows the state.
    const events = [permissions.onAdded, permissions.onRemoved].filter((e) => {
      try {
        e?.addListener(follow);
        return !!e;
      } catch {
        return false;
      }
    });
    return () => {
      live = false;
      for (const e of events) e?.removeListener(follow);
    };
  }, [permissions]);
  const view = pixelPermissionView(state);
  const onClick = () => {
    if (view.action === 'request') {
      // Called synchronously in the click handler: the browser only shows its prompt for a user gesture.
      const asked = permissions.request(PIXEL_CAPTURE_PERMISSION);
      dispatch({ type: 'request' });
      asked.then(
        (granted) => dispatch({ type: 'requested', granted }),
        (e: unknown) => dispatch({ type: 'requested', granted: false, error: errorText(e) }),
      );
    } else if (view.action === 'revoke') {
      dispatch({ type: 'revoke' });
      permissions.remove(PIXEL_CAPTURE_PERMISSION).then(
        (removed) => dispatch({ type: 'revoked', removed }),
        (e: unknown) => dispatch({ type: 'revoked', removed: false, error: errorText(e) }),
      );
    }
  };
  const message = 'message' in state ? state.message : null;
  return (
    <section data-testid="pixel-permission" data-status={state.status}>
      <p className={state.status === 'granted' ? 'rg-ok' : 'rg-muted'} data-testid="pixel-permission-summary">
        {view.summary}
      </p>
      {view.button && (
        <button type="button" data-testid="pixel-permission-button" onClick={onClick}>
          {view.button}
        </button>
      )}
      {message && <p data-testid="pixel-permission-message">{message}</p>}
      <p className="rg-muted">
        浏览器只在“读取和更改所有网站上的数据”这一权限下允许扩展截取屏幕；差评卫士只在商家后台页面（{consoleHosts().join('、')}
        ）上截图，截图只保存在本机。随时可以撤销。
      </p>
    </section>
  );
}
