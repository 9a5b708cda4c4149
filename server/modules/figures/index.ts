/** The courts' quality figures (执行质效): computed per court and period from the other modules' exports; no tables. */
export { figuresRoutes } from './figures.routes';
export { courtFigures } from './court-figures';
