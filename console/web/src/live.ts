import { useEffect, useState } from 'preact/hooks';

/**
 * Reads {@code load} now, and again every {@code interval} ms for as long as {@code goesOn} says the answer is still
 * changing (something builds, a cascade runs): the answer, or the message of the read that failed.
 */
export function useFollowed<T>(load: () => Promise<T>, goesOn: (answer: T) => boolean,
                               interval: number): [T | null, string | null] {
  const [answer, setAnswer] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const read = () => load().then((value) => {
      setAnswer(value);
      if (goesOn(value)) {
        timer = setTimeout(read, interval);
      }
    }, (e: Error) => setProblem(e.message));
    read();
    return () => clearTimeout(timer);
  }, []);
  return [answer, problem];
}
