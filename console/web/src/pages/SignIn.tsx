import { useState } from 'preact/hooks';
import { checkToken, session } from '../api';

/** A token from `./layerline up` (or any the services accept), kept in this tab's session storage only. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecking(true);
    setProblem(null);
    try {
      const verdict = await checkToken(token.trim());
      if (verdict.signedIn) {
        session.keep(token.trim());
        onSignedIn();
      } else {
        setProblem(verdict.reason ?? 'this token is not accepted');
      }
    } catch {
      setProblem('the console cannot be reached; try again');
    } finally {
      setChecking(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>Layerline</h1>
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" autofocus value={token}
               onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        <p class="hint">
          The token <code>./layerline up</code> printed, or one from <code>LAYERLINE_SECURITY_TOKENS</code>.
        </p>
        {problem && <p role="alert" class="problem">{problem}</p>}
        <button type="submit" disabled={checking || token.trim() === ''}>Sign in</button>
      </form>
    </main>
  );
}
