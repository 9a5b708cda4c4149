/** The demo data seeded on first start. */
export { seedDemo, seedDemoIfEmpty, demoLoginLines } from './seed-demo';
export { DEMO_PASSWORD } from './demo-data';
