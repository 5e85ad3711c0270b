import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="login">
      <h1>Нет доступа</h1>
      <p>Ваша роль не позволяет открыть этот раздел.</p>
      <p><Link href="/login">Войти под другой учётной записью</Link></p>
    </main>
  );
}
