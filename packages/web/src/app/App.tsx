import { useState } from 'react';
import { LoginPage } from '../auth/LoginPage.js';
import { useSession } from '../auth/use-session.js';
import { CatalogPage } from '../catalog/CatalogPage.js';
import { VersionsPage } from '../exports/VersionsPage.js';
import { ProjectPage } from '../projects/ProjectPage.js';
import { ProjectsPage } from '../projects/ProjectsPage.js';
import { QualityDashboard } from '../quality/QualityDashboard.js';
import { ReviewQueue } from '../quality/ReviewQueue.js';
import { ReviewScreen } from '../quality/ReviewScreen.js';
import { openNextTask } from '../tasks/open-next-task.js';
import { ViewerPage } from '../viewer/ViewerPage.js';
import { HelpOverlay } from './HelpOverlay.js';
import { helpSections } from './help-sections.js';
import { Link } from './Link.js';
import { navigate, usePath } from './navigation.js';
import { parseRoute, pathOf, type Route } from './routes.js';
import type { ShortcutBinding } from './shortcut-registry.js';
import { useGlobalShortcuts } from './use-global-shortcuts.js';

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
    <SignedIn
      route={parseRoute(path)}
      username={state.user.username}
      userId={state.user.id}
      signOut={() => void session.signOut()}
    />
  );
}

function SignedIn(props: {
  readonly route: Route;
  readonly username: string;
  readonly userId: string;
  readonly signOut: () => void;
}) {
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const bindings = globalShortcuts(props.route, {
    toggleHelp: () => setHelpOpen((open) => !open),
    closeHelp: () => setHelpOpen(false),
    notify: setNotice,
  });
  useGlobalShortcuts(bindings);
  return (
    <>
      <nav className="top-bar" aria-label="Main">
        <Link to="/" className="brand">
          Voxelhub
        </Link>
        <Link to="/catalog">Catalog</Link>
        <span className="spacer" />
        {notice && (
          <span role="status" className="muted">
            {notice}
          </span>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => setHelpOpen(true)}
          title="Keyboard shortcuts (?)"
        >
          Shortcuts
        </button>
        <span className="muted">{props.username}</span>
        <button type="button" className="link-button" onClick={props.signOut}>
          Sign out
        </button>
      </nav>
      <Screen route={props.route} userId={props.userId} />
      {helpOpen && <HelpOverlay sections={helpSections(bindings)} onClose={() => setHelpOpen(false)} />}
    </>
  );
}

/** The shortcuts that work on every screen; `n` only where there is a project to take a task from. */
function globalShortcuts(
  route: Route,
  actions: { toggleHelp: () => void; closeHelp: () => void; notify: (message: string | null) => void },
): ShortcutBinding[] {
  const bindings: ShortcutBinding[] = [
    { keys: '?', description: 'Show or hide this help', run: actions.toggleHelp },
    { keys: 'Escape', description: 'Close this help', run: actions.closeHelp },
    { keys: 'g p', description: 'Go to the projects', run: () => navigate(pathOf({ name: 'projects' })) },
    {
      keys: 'g c',
      description: 'Go to the catalog of public datasets',
      run: () => navigate(pathOf({ name: 'catalog', search: '' })),
    },
  ];
  if (route.name !== 'projects' && route.name !== 'catalog' && route.name !== 'not-found') {
    const { projectId } = route;
    bindings.push(
      {
        keys: 'g o',
        description: "Go to this project's page",
        run: () => navigate(pathOf({ name: 'project', projectId })),
      },
      {
        keys: 'n',
        description: 'Open your next task in this project',
        run: () => {
          actions.notify(null);
          openNextTask(projectId).then(actions.notify, (error: unknown) =>
            actions.notify(error instanceof Error ? error.message : String(error)),
          );
        },
      },
    );
  }
  return bindings;
}

function Screen({ route, userId }: { readonly route: Route; readonly userId: string }) {
  switch (route.name) {
    case 'projects':
      return <ProjectsPage />;
    case 'catalog':
      return <CatalogPage search={route.search} />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} userId={userId} />;
    case 'viewer':
    case 'image':
      return <ViewerPage {...route} />;
    case 'quality':
      return <QualityDashboard key={route.projectId} projectId={route.projectId} />;
    case 'quality-review':
      return <ReviewQueue key={route.projectId} projectId={route.projectId} />;
    case 'quality-item':
      return <ReviewScreen key={route.itemId} projectId={route.projectId} itemId={route.itemId} />;
    case 'versions':
      return <VersionsPage key={route.projectId} projectId={route.projectId} />;
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
