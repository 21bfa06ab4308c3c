import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

// Registered once for every chart of the staff app, and only what a bar chart needs: chart.js/auto would add every
// chart type to the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
