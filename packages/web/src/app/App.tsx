import { LoginPage } from '../auth/LoginPage.js';
import { useSession } from '../auth/use-session.js';
import { ProjectPage } from '../projects/ProjectPage.js';
import { ProjectsPage } from '../projects/ProjectsPage.js';
import { ViewerPage } from '../viewer/ViewerPage.js';
import { Link } from './Link.js';
import { usePath } from './navigation.js';
import { parseRoute, type Route } from './routes.js';

/** The signed-in shell: a top bar and the screen the address names; the login form otherwise. */
export function App() {
  const session = useSession();
  const path = usePath();
  const { state } = session;
  if (state.status === 'loading') return <p className="muted page">Loading…</p>;
  if (state.status === 'failed')
    return (
      <p className="error page" role="alert">
        {state.message}
      </p>
    );
  if (state.status === 'signed-out') return <LoginPage signIn={session.signIn} />;
  return (
    <>
      <nav className="top-bar" aria-label="Main">
        <Link to="/" className="brand">
          Voxelhub
        </Link>
        <span className="spacer" />
        <span className="muted">{state.user.username}</span>
        <button type="button" className="link-button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </nav>
      <Screen route={parseRoute(path)} />
    </>
  );
}

function Screen({ route }: { readonly route: Route }) {
  switch (route.name) {
    case 'projects':
      return <ProjectsPage />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} />;
    case 'viewer':
      return <ViewerPage {...route} />;
    case 'not-found':
      return (
        <main className="page">
          <h1>Not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. <Link to="/">Back to the projects</Link>
          </p>
        </main>
      );
  }
}
