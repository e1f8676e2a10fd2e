// The e2e-embedded project: the same files on the embedded database, whatever TEST_DATABASE_URL
// says (each test file has its own copy of process.env).
delete process.env.TEST_DATABASE_URL;
