/** Placeholder until the web app lands: what Dongne is, and where the API documentation lives. */
export function App() {
  return (
    <main className="placeholder">
      <h1>
        <span className="brand">동네</span> — 공간 예약 · 물건 대여 · 같이 주문 · 온라인 강의
      </h1>
      <p>동네 웹 앱을 준비하고 있어요. 곧 만나요!</p>
      <p lang="en">The Dongne web app is coming soon.</p>
      <p>
        <a href="/api/docs">API 문서 보기 (/api/docs)</a>
      </p>
    </main>
  );
}
