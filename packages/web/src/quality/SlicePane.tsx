import { useId, useState } from 'react';
import { followLink } from '../app/navigation.js';
import type { SvgShape } from './payload-shapes.js';
import type { ReviewLayer } from './review-layers.js';

interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/**
 * One slice with layers drawn over it. The image sets the size; an SVG with the image's pixel size as its
 * viewBox lies on top, so index coordinates land on pixels whatever the zoom. Each mask PNG is an SVG
 * <mask> (luminance: white shows) over a rectangle of the layer's colour: the mask tinted, without canvas.
 * The pane is as wide as its column but no taller than 60 % of the window, so a whole slice and the
 * decision buttons fit on screen; `pixels` (the item's dims) sizes it before the image has loaded. Each
 * source in the header links to the viewer showing its annotations only, where it can be looked at in 3D.
 */
export function SlicePane(props: {
  readonly title: string;
  readonly imageUrl: string;
  readonly layers: readonly ReviewLayer[];
  readonly pixels: PixelSize | null;
  readonly sourceViewerPath?: (sourceId: string) => string | null;
}) {
  const [loaded, setLoaded] = useState<PixelSize | null>(null);
  const size = loaded ?? props.pixels;
  const [failed, setFailed] = useState(false);
  const id = useId();
  const shapes = props.layers.reduce((n, l) => n + l.shapes.length + l.maskUrls.length, 0);
  return (
    <figure className="slice-pane">
      <figcaption>
        {props.layers.map((layer) => {
          const viewer = props.sourceViewerPath?.(layer.sourceId) ?? null;
          return (
            <span key={layer.sourceId} className="pane-reader">
              <span className="swatch" style={{ background: layer.colour }} aria-hidden="true" />
              {layer.number !== null && <kbd>{layer.number}</kbd>} {layer.name}
              {viewer && (
                <>
                  {' · '}
                  <a
                    href={viewer}
                    onClick={followLink}
                    aria-label={`Open ${layer.name} in the viewer, alone`}
                  >
                    Open in the viewer
                  </a>
                </>
              )}
            </span>
          );
        })}
        <span className="muted">{shapes === 0 ? ' · nothing on this slice' : ''}</span>
      </figcaption>
      <div
        className="slice-stage"
        style={size ? { maxWidth: `calc(60vh * ${size.width / size.height})` } : undefined}
      >
        <img
          src={props.imageUrl}
          alt={props.title}
          onLoad={(event) => {
            setFailed(false);
            const { naturalWidth, naturalHeight } = event.currentTarget;
            setLoaded({ width: naturalWidth, height: naturalHeight });
          }}
          onError={() => setFailed(true)}
        />
        {size && (
          <svg
            className="shape-layer"
            viewBox={`0 0 ${size.width} ${size.height}`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {props.layers.map((layer, n) => (
              <g key={layer.sourceId} stroke={layer.colour} fill="none">
                {layer.maskUrls.map((mask, m) => {
                  const maskId = `${id}-${n}-${m}`;
                  return (
                    <g key={mask.labelId}>
                      <mask
                        id={maskId}
                        maskUnits="userSpaceOnUse"
                        x={0}
                        y={0}
                        width={size.width}
                        height={size.height}
                      >
                        <image
                          href={mask.url}
                          width={size.width}
                          height={size.height}
                          style={{ imageRendering: 'pixelated' }}
                        />
                      </mask>
                      <rect
                        width={size.width}
                        height={size.height}
                        fill={layer.colour}
                        stroke="none"
                        opacity={0.45}
                        mask={`url(#${maskId})`}
                      />
                    </g>
                  );
                })}
                {layer.shapes.map((placed) => (
                  <ShapeView
                    key={placed.annotationId}
                    shape={placed.shape}
                    radius={Math.max(size.width, size.height) / 120}
                  />
                ))}
              </g>
            ))}
          </svg>
        )}
      </div>
      {failed && (
        <p className="error" role="alert">
          The image of this slice could not be loaded.
        </p>
      )}
    </figure>
  );
}

function ShapeView({ shape, radius }: { readonly shape: SvgShape; readonly radius: number }) {
  const line = { vectorEffect: 'non-scaling-stroke', strokeWidth: 2 } as const;
  switch (shape.kind) {
    case 'rect':
      return <rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} {...line} />;
    case 'polygon':
      return <polygon points={shape.points} {...line} />;
    case 'polyline':
      return <polyline points={shape.points} {...line} />;
    case 'line':
      return <line x1={shape.x1} y1={shape.y1} x2={shape.x2} y2={shape.y2} {...line} />;
    case 'ellipse':
      return (
        <ellipse
          cx={shape.cx}
          cy={shape.cy}
          rx={shape.rx}
          ry={shape.ry}
          transform={`rotate(${shape.rotation} ${shape.cx} ${shape.cy})`}
          {...line}
        />
      );
    case 'point':
      return (
        <g>
          <circle cx={shape.x} cy={shape.y} r={radius} {...line} />
          <text
            x={shape.x + radius * 1.5}
            y={shape.y}
            className="shape-name"
            stroke="none"
            fontSize={radius * 3}
          >
            {shape.name}
          </text>
        </g>
      );
  }
}
