import type { Catalog } from '@voxelhub/core/catalog';

/** The annotation tools and learning resources of the catalog, as two link tables. */
export function OtherEntries({ catalog }: { readonly catalog: Catalog }) {
  return (
    <>
      <h2>Annotation tools</h2>
      <table className="catalog-table">
        <thead>
          <tr>
            <th>Tool</th>
            <th>License</th>
            <th>Platforms</th>
            <th>Annotations</th>
            <th>Formats</th>
          </tr>
        </thead>
        <tbody>
          {catalog.tools.map((tool) => (
            <tr key={tool.id}>
              <td>
                <a href={tool.url} target="_blank" rel="noreferrer" title={tool.summary}>
                  {tool.name}
                </a>
              </td>
              <td>{tool.license}</td>
              <td>{tool.platforms.join(', ')}</td>
              <td>{tool.annotationTypes.map((a) => a.replace(/-/g, ' ')).join(', ')}</td>
              <td>{tool.formats.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Learning resources</h2>
      <table className="catalog-table">
        <thead>
          <tr>
            <th>Resource</th>
            <th>Kind</th>
            <th>What it is</th>
          </tr>
        </thead>
        <tbody>
          {catalog.resources.map((resource) => (
            <tr key={resource.id}>
              <td>
                <a href={resource.url} target="_blank" rel="noreferrer">
                  {resource.name}
                </a>
              </td>
              <td>{resource.kind.replace(/-/g, ' ')}</td>
              <td>{resource.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
