// The charting library, served from its WebJar (pinned in the pom as uplot.version).
export { default as uPlot } from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
