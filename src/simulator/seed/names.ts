/**
 * Word lists the seeded directory is built from: departments, places, roles and people. Long lists
 * are packed (prettier-ignore): they read better that way than one entry a line.
 */

// prettier-ignore
export const DEPARTMENTS = [
  'Finance', 'Sales', 'Marketing', 'Engineering', 'HR', 'Legal', 'IT', 'Operations', 'Procurement',
  'Customer Support', 'Research', 'Product', 'Design', 'Facilities', 'Security', 'Compliance',
  'Logistics', 'Manufacturing', 'Quality', 'Supply Chain', 'Retail', 'Field Service', 'Training',
  'Communications', 'Executive Office', 'Data Science', 'Treasury', 'Audit', 'Partnerships',
  'Public Sector', 'Healthcare', 'Consulting',
] as const;

export const REGIONS = ['EMEA', 'APAC', 'AMER', 'LATAM', 'NA', 'ANZ', 'DACH', 'Nordics'] as const;

// prettier-ignore
export const COUNTRIES = [
  'Germany', 'France', 'United Kingdom', 'Ireland', 'Netherlands', 'Belgium', 'Spain', 'Portugal',
  'Italy', 'Switzerland', 'Austria', 'Poland', 'Czechia', 'Sweden', 'Norway', 'Denmark', 'Finland',
  'United States', 'Canada', 'Mexico', 'Brazil', 'Argentina', 'Chile', 'Colombia', 'Japan',
  'South Korea', 'China', 'India', 'Singapore', 'Malaysia', 'Australia', 'New Zealand',
  'South Africa', 'United Arab Emirates', 'Saudi Arabia', 'Israel', 'Turkey', 'Egypt', 'Kenya',
  'Philippines',
] as const;

// prettier-ignore
export const CITIES = [
  'London', 'Manchester', 'Dublin', 'Paris', 'Lyon', 'Berlin', 'Munich', 'Hamburg', 'Frankfurt',
  'Amsterdam', 'Rotterdam', 'Brussels', 'Madrid', 'Barcelona', 'Lisbon', 'Milan', 'Rome', 'Zurich',
  'Geneva', 'Vienna', 'Warsaw', 'Prague', 'Stockholm', 'Oslo', 'Copenhagen', 'Helsinki', 'Seattle',
  'Redmond', 'San Francisco', 'Los Angeles', 'Austin', 'Dallas', 'Chicago', 'New York', 'Boston',
  'Atlanta', 'Miami', 'Toronto', 'Vancouver', 'Montreal', 'Mexico City', 'Sao Paulo',
  'Buenos Aires', 'Santiago', 'Bogota', 'Tokyo', 'Osaka', 'Seoul', 'Shanghai', 'Beijing',
  'Bangalore', 'Hyderabad', 'Mumbai', 'Singapore', 'Kuala Lumpur', 'Sydney', 'Melbourne',
  'Auckland', 'Johannesburg', 'Dubai',
] as const;

export const ROLES = [
  'Managers',
  'Engineers',
  'Analysts',
  'Contractors',
  'Interns',
  'Leads',
  'Admins',
  'Agents',
  'Associates',
  'Specialists',
  'Consultants',
  'Technicians',
  'Directors',
  'Coordinators',
  'Architects',
  'Developers',
] as const;

export const RINGS = ['Pilot', 'Ring0', 'Ring1', 'Ring2', 'Broad', 'Preview', 'Devices', 'Users'];

export const PLATFORMS = ['Windows', 'iOS', 'Android', 'macOS', 'CloudPC'] as const;

// prettier-ignore
export const PROJECTS = [
  'Phoenix', 'Atlas', 'Orion', 'Falcon', 'Horizon', 'Nova', 'Summit', 'Aurora', 'Polaris',
  'Everest', 'Cascade', 'Meridian', 'Titan', 'Zephyr', 'Beacon', 'Catalyst', 'Vanguard', 'Pioneer',
  'Keystone', 'Lighthouse', 'Odyssey', 'Quantum', 'Sapphire', 'Tidal',
] as const;

/** Job titles in the singular, matched with a department when a user is created. */
export const TITLES = [
  'Manager',
  'Engineer',
  'Analyst',
  'Specialist',
  'Consultant',
  'Coordinator',
  'Director',
  'Associate',
  'Lead',
  'Administrator',
] as const;

// prettier-ignore
export const FIRST_NAMES = [
  'Aaron', 'Abigail', 'Adam', 'Aisha', 'Alan', 'Alejandro', 'Alice', 'Amelia', 'Ana', 'Andrea',
  'Andrew', 'Anna', 'Anthony', 'Arjun', 'Ava', 'Benjamin', 'Bianca', 'Brian', 'Camila', 'Carlos',
  'Caroline', 'Charlotte', 'Chen', 'Chloe', 'Christopher', 'Claire', 'Daniel', 'David', 'Diana',
  'Dmitri', 'Elena', 'Elif', 'Elijah', 'Emily', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Fiona',
  'Gabriel', 'Grace', 'Hana', 'Hannah', 'Harper', 'Hassan', 'Henry', 'Hiroshi', 'Ines', 'Isabel',
  'Ivan', 'Jack', 'James', 'Javier', 'Jessica', 'Jin', 'John', 'Jonas', 'Julia', 'Kai', 'Karen',
  'Katarzyna', 'Kenji', 'Laura', 'Leah', 'Leila', 'Liam', 'Lucas', 'Lucy', 'Maria', 'Mark', 'Mateo',
  'Matthew', 'Maya', 'Mei', 'Michael', 'Mohammed', 'Nadia', 'Natalie', 'Noah', 'Nora', 'Oliver',
  'Olivia', 'Omar', 'Pablo', 'Paul', 'Priya', 'Rachel', 'Rahul', 'Rebecca', 'Ryan', 'Samuel',
  'Sara', 'Sofia', 'Sophie', 'Stefan', 'Thomas', 'Valentina', 'Victor', 'Yuki', 'Zoe',
];

// prettier-ignore
export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Bailey', 'Baker', 'Becker', 'Bennett', 'Bernard',
  'Brooks', 'Brown', 'Campbell', 'Carter', 'Chen', 'Clark', 'Collins', 'Cooper', 'Costa', 'Cruz',
  'Davies', 'Diaz', 'Dubois', 'Edwards', 'Evans', 'Fischer', 'Fernandes', 'Garcia', 'Gomez',
  'Gonzalez', 'Green', 'Hall', 'Hansen', 'Harris', 'Hughes', 'Ivanova', 'Jackson', 'Jansen',
  'Johansson', 'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Larsen',
  'Lee', 'Lewis', 'Lopez', 'Martin', 'Martinez', 'Meyer', 'Miller', 'Moore', 'Morales', 'Morgan',
  'Muller', 'Murphy', 'Nakamura', 'Nguyen', 'Nielsen', 'Novak', "O'Brien", 'Ortiz', 'Patel',
  'Perez', 'Peters', 'Petrov', 'Phillips', 'Ramirez', 'Reyes', 'Richter', 'Rivera', 'Roberts',
  'Robinson', 'Rossi', 'Sanchez', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva',
  'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Wagner',
  'Walker', 'Wang', 'Watson', 'Weber', 'White', 'Williams', 'Wilson',
];

/** Middle initials that keep names unique once every first-last pair is taken. */
export const MIDDLE_INITIALS = 'ABCDEFGHIJKLMNOPRSTVW'.split('');
