"""Demo data: a synthetic council (staff, children and their cases, panels, the Local Offer,
partner systems) for the first run, the benchmarks and the tests. Not part of the runtime: the
portal never imports it, and its extra packages (Faker, tqdm) are in requirements-demo.txt."""
