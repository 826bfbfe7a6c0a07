/*
 * sysvipc - System V shared memory, semaphores and message queues.
 * Covers: shmget(231) shmat(228) shmdt(230) shmctl(512) semget(221)
 *         semop(222) __semctl(510) msgget(225) msgsnd(226) msgrcv(227)
 *         msgctl(511).
 * Expected results: shmget(2) shmat(2) shmctl(2) semget(2) semop(2)
 * semctl(2) msgget(2) msgsnd(2) msgrcv(2) msgctl(2), with the structs of
 * sys/sys/ipc.h (ipc_perm: cuid, cgid, uid, gid, mode, seq, key), shm.h
 * (shmid_ds: segsz, lpid, cpid, nattch, times), sem.h (semid_ds: nsems,
 * times; GETNCNT 3 .. SETALL 9; SEM_UNDO 010000), msg.h (msqid_ds: cbytes,
 * qnum, qbytes, lspid, lrpid, times; MSG_NOERROR 010000). Objects are
 * IPC_PRIVATE and removed at the end; only the permission bits of mode are
 * printed (FreeBSD keeps SHMSEG_ALLOCATED/SEM_ALLOC there too). Errors:
 * IPC_CREAT|IPC_EXCL on an existing key EEXIST, a missing key ENOENT, a
 * removed id EINVAL, shmdt of an address not attached EINVAL, a semaphore
 * that would block under IPC_NOWAIT EAGAIN, no message under IPC_NOWAIT
 * ENOMSG (83), a message longer than the buffer without MSG_NOERROR E2BIG,
 * mtype < 1 EINVAL, an unknown command EINVAL.
 * xrun-covers: __semctl exit getegid geteuid getpid msgctl msgget msgrcv msgsnd
 * xrun-covers: semget semop shmat shmctl shmdt shmget write
 */
#include "rt.h"

#define NR_semget 221
#define NR_semop 222
#define NR_msgget 225
#define NR_msgsnd 226
#define NR_msgrcv 227
#define NR_shmat 228
#define NR_shmdt 230
#define NR_shmget 231
#define NR___semctl 510
#define NR_msgctl 511
#define NR_shmctl 512
#define IPC_PRIVATE 0
#define IPC_CREAT 001000
#define IPC_EXCL 002000
#define IPC_NOWAIT 004000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define GETNCNT 3
#define GETPID 4
#define GETVAL 5
#define GETALL 6
#define GETZCNT 7
#define SETVAL 8
#define SETALL 9
#define SEM_UNDO 010000
#define MSG_NOERROR 010000
#define SHM_RDONLY 010000
#define ENOMSG 83

struct ipc_perm { unsigned cuid, cgid, uid, gid; unsigned short mode, seq; long key; };
struct shmid_ds { struct ipc_perm shm_perm; size_t shm_segsz; int shm_lpid, shm_cpid; unsigned shm_nattch; long shm_atime, shm_dtime, shm_ctime; };
struct semid_ds { struct ipc_perm sem_perm; void *base; unsigned short sem_nsems; long sem_otime, sem_ctime; };
struct msqid_ds { struct ipc_perm msg_perm; void *first, *last; unsigned long msg_cbytes, msg_qnum, msg_qbytes; int msg_lspid, msg_lrpid; long msg_stime, msg_rtime, msg_ctime; };
struct sembuf { unsigned short sem_num; short sem_op, sem_flg; };
union semun { int val; struct semid_ds *buf; unsigned short *array; };
struct mbuf { long mtype; char mtext[64]; };

static long semctl(long id, int num, int cmd, union semun *arg) { return SC4(NR___semctl, id, num, cmd, arg); }

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	long pid = sys_getpid(), uid = sys_geteuid(), gid = sys_getegid();

	/* shared memory */
	long shm = SC3(NR_shmget, IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	rt_expect_true("shmget(IPC_PRIVATE, 8192, IPC_CREAT|0600) >= 0", shm >= 0);
	struct shmid_ds ds;
	memset(&ds, 0x55, sizeof ds);
	rt_expect_ret("shmctl(shm, IPC_STAT, &ds)", SC3(NR_shmctl, shm, IPC_STAT, &ds), 0);
	rt_expect_true("  shm_segsz 8192, shm_nattch 0, shm_cpid getpid(), shm_lpid 0", ds.shm_segsz == 8192 && ds.shm_nattch == 0
	    && ds.shm_cpid == pid && ds.shm_lpid == 0);
	rt_expect_true("  cuid, uid = geteuid(); cgid, gid = getegid(); key IPC_PRIVATE", ds.shm_perm.cuid == uid && ds.shm_perm.uid == uid
	    && ds.shm_perm.cgid == gid && ds.shm_perm.gid == gid && ds.shm_perm.key == IPC_PRIVATE);
	rt_expect_oct("  mode & 0777", ds.shm_perm.mode & 0777, 0600);
	char *a = (char *)SC3(NR_shmat, shm, 0, 0);
	rt_expect_true("shmat(shm, NULL, 0) is an address", (long)a > 0);
	char *r = (char *)SC3(NR_shmat, shm, 0, SHM_RDONLY);
	rt_expect_true("shmat(shm, NULL, SHM_RDONLY) is another address", (long)r > 0 && r != a);
	a[100] = 'z';
	rt_expect_eq("  a store through one attachment is seen through the other", r[100], 'z');
	SC3(NR_shmctl, shm, IPC_STAT, &ds);
	rt_expect_true("  shm_nattch 2, shm_lpid getpid(), shm_atime set", ds.shm_nattch == 2 && ds.shm_lpid == pid && ds.shm_atime > 0);
	ds.shm_perm.mode = 0640;
	rt_expect_ret("shmctl(shm, IPC_SET, {mode 0640})", SC3(NR_shmctl, shm, IPC_SET, &ds), 0);
	SC3(NR_shmctl, shm, IPC_STAT, &ds);
	rt_expect_oct("  mode & 0777", ds.shm_perm.mode & 0777, 0640);
	rt_expect_ret("shmdt(r)", SC1(NR_shmdt, r), 0);
	rt_expect_ret("shmdt(r) again", SC1(NR_shmdt, r), -EINVAL);
	rt_expect_ret("shmctl(shm, 99, &ds)", SC3(NR_shmctl, shm, 99, &ds), -EINVAL);
	rt_expect_ret("shmctl(shm, IPC_STAT, (void *)1)", SC3(NR_shmctl, shm, IPC_STAT, 1), -EFAULT);
	rt_expect_ret("shmctl(shm, IPC_RMID, NULL)", SC3(NR_shmctl, shm, IPC_RMID, 0), 0);
	rt_expect_eq("  still attached: a[100]", a[100], 'z');
	rt_expect_ret("shmdt(a)", SC1(NR_shmdt, a), 0);
	rt_expect_ret("shmctl(shm [removed], IPC_STAT, &ds)", SC3(NR_shmctl, shm, IPC_STAT, &ds), -EINVAL);
	long key = 0x58520000 + (pid & 0xffff);
	long k1 = SC3(NR_shmget, key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	rt_expect_true("shmget(key, 4096, IPC_CREAT|IPC_EXCL|0600) >= 0", k1 >= 0);
	rt_expect_ret("shmget(key, 4096, IPC_CREAT|IPC_EXCL|0600) again", SC3(NR_shmget, key, 4096, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	rt_expect_true("shmget(key, 0, 0) finds it", SC3(NR_shmget, key, 0, 0) == k1);
	SC3(NR_shmctl, k1, IPC_STAT, &ds);
	rt_expect_true("  shm_perm.key is the key", ds.shm_perm.key == key);
	SC3(NR_shmctl, k1, IPC_RMID, 0);
	rt_expect_ret("shmget(key + 1 [missing], 4096, 0)", SC3(NR_shmget, key + 1, 4096, 0), -ENOENT);

	/* semaphores */
	long sem = SC3(NR_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
	rt_expect_true("semget(IPC_PRIVATE, 2, IPC_CREAT|0600) >= 0", sem >= 0);
	union semun arg;
	struct semid_ds sds;
	memset(&sds, 0x55, sizeof sds);
	arg.buf = &sds;
	rt_expect_ret("__semctl(sem, 0, IPC_STAT, &{buf})", semctl(sem, 0, IPC_STAT, &arg), 0);
	rt_expect_true("  sem_nsems 2, sem_otime 0, sem_ctime set, uid geteuid()", sds.sem_nsems == 2 && sds.sem_otime == 0
	    && sds.sem_ctime > 0 && sds.sem_perm.uid == uid);
	rt_expect_oct("  mode & 0777", sds.sem_perm.mode & 0777, 0600);
	arg.val = 3;
	rt_expect_ret("__semctl(sem, 0, SETVAL, &{3})", semctl(sem, 0, SETVAL, &arg), 0);
	rt_expect_ret("__semctl(sem, 0, GETVAL, NULL)", semctl(sem, 0, GETVAL, 0), 3);
	struct sembuf ops[2] = { { 0, -2, 0 }, { 1, 1, SEM_UNDO } };
	rt_expect_ret("semop(sem, {0 -= 2, 1 += 1 SEM_UNDO}, 2)", SC3(NR_semop, sem, ops, 2), 0);
	unsigned short vals[2] = { 9, 9 };
	arg.array = vals;
	rt_expect_ret("__semctl(sem, 0, GETALL, &{vals})", semctl(sem, 0, GETALL, &arg), 0);
	rt_expect_true("  vals {1, 1}", vals[0] == 1 && vals[1] == 1);
	rt_expect_ret("__semctl(sem, 1, GETPID, NULL)", semctl(sem, 1, GETPID, 0) == pid ? 0 : -1, 0);
	rt_expect_ret("__semctl(sem, 0, GETNCNT, NULL)", semctl(sem, 0, GETNCNT, 0), 0);
	rt_expect_ret("__semctl(sem, 0, GETZCNT, NULL)", semctl(sem, 0, GETZCNT, 0), 0);
	struct sembuf take2 = { 0, -2, IPC_NOWAIT };
	rt_expect_ret("semop(sem, {0 -= 2, IPC_NOWAIT}, 1) [would block]", SC3(NR_semop, sem, &take2, 1), -EAGAIN);
	vals[0] = 5;
	vals[1] = 6;
	arg.array = vals;
	rt_expect_ret("__semctl(sem, 0, SETALL, &{5, 6})", semctl(sem, 0, SETALL, &arg), 0);
	rt_expect_ret("__semctl(sem, 1, GETVAL, NULL)", semctl(sem, 1, GETVAL, 0), 6);
	sds.sem_perm.mode = 0640;
	arg.buf = &sds;
	rt_expect_ret("__semctl(sem, 0, IPC_SET, &{mode 0640})", semctl(sem, 0, IPC_SET, &arg), 0);
	memset(&sds, 0, sizeof sds);
	semctl(sem, 0, IPC_STAT, &arg);
	rt_expect_oct("  mode & 0777", sds.sem_perm.mode & 0777, 0640);
	rt_expect_true("  sem_otime set by semop", sds.sem_otime > 0);
	rt_expect_ret("__semctl(sem, 0, 99, NULL)", semctl(sem, 0, 99, 0), -EINVAL);
	rt_expect_ret("__semctl(sem, 0, IPC_STAT, (void *)1)", semctl(sem, 0, IPC_STAT, (void *)1), -EFAULT);
	rt_expect_ret("__semctl(sem, 0, IPC_RMID, NULL)", semctl(sem, 0, IPC_RMID, 0), 0);
	rt_expect_ret("__semctl(sem [removed], 0, GETVAL, NULL)", semctl(sem, 0, GETVAL, 0), -EINVAL);

	/* message queues */
	long mq = SC2(NR_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
	rt_expect_true("msgget(IPC_PRIVATE, IPC_CREAT|0600) >= 0", mq >= 0);
	struct mbuf m = { 7, "seven" }, in;
	rt_expect_ret("msgsnd(mq, {7, \"seven\"}, 6, 0)", SC4(NR_msgsnd, mq, &m, 6, 0), 0);
	m.mtype = 3;
	rt_strcpy(m.mtext, "three!");
	rt_expect_ret("msgsnd(mq, {3, \"three!\"}, 7, 0)", SC4(NR_msgsnd, mq, &m, 7, 0), 0);
	m.mtype = 0;
	rt_expect_ret("msgsnd(mq, {0, ...}, 7, 0)", SC4(NR_msgsnd, mq, &m, 7, 0), -EINVAL);
	struct msqid_ds q;
	memset(&q, 0x55, sizeof q);
	rt_expect_ret("msgctl(mq, IPC_STAT, &q)", SC3(NR_msgctl, mq, IPC_STAT, &q), 0);
	rt_expect_true("  msg_qnum 2, msg_cbytes 13, msg_lspid getpid(), msg_lrpid 0, msg_stime set",
	    q.msg_qnum == 2 && q.msg_cbytes == 13 && q.msg_lspid == pid && q.msg_lrpid == 0 && q.msg_stime > 0);
	rt_expect_true("  msg_qbytes > 13", q.msg_qbytes > 13);
	rt_expect_oct("  mode & 0777", q.msg_perm.mode & 0777, 0600);
	memset(&in, 0, sizeof in);
	rt_expect_ret("msgrcv(mq, &in, 64, 3, 0)", SC5(NR_msgrcv, mq, &in, 64, 3, 0), 7);
	rt_expect_true("  {3, \"three!\"}", in.mtype == 3 && rt_strcmp(in.mtext, "three!") == 0);
	rt_expect_ret("msgrcv(mq, &in, 2, 0, 0) [too long]", SC5(NR_msgrcv, mq, &in, 2, 0, 0), -E2BIG);
	memset(&in, 0, sizeof in);
	rt_expect_ret("msgrcv(mq, &in, 2, 0, MSG_NOERROR)", SC5(NR_msgrcv, mq, &in, 2, 0, MSG_NOERROR), 2);
	rt_expect_true("  {7, \"se\"}", in.mtype == 7 && in.mtext[0] == 's' && in.mtext[1] == 'e' && in.mtext[2] == 0);
	rt_expect_ret("msgrcv(mq [empty], &in, 64, 0, IPC_NOWAIT)", SC5(NR_msgrcv, mq, &in, 64, 0, IPC_NOWAIT), -ENOMSG);
	SC3(NR_msgctl, mq, IPC_STAT, &q);
	rt_expect_true("  msg_qnum 0, msg_lrpid getpid()", q.msg_qnum == 0 && q.msg_lrpid == pid);
	q.msg_perm.mode = 0640;
	q.msg_qbytes = 1000;
	rt_expect_ret("msgctl(mq, IPC_SET, {mode 0640, qbytes 1000})", SC3(NR_msgctl, mq, IPC_SET, &q), 0);
	memset(&q, 0, sizeof q);
	SC3(NR_msgctl, mq, IPC_STAT, &q);
	rt_expect_true("  mode & 0777 0640, msg_qbytes 1000", (q.msg_perm.mode & 0777) == 0640 && q.msg_qbytes == 1000);
	rt_expect_ret("msgctl(mq, 99, &q)", SC3(NR_msgctl, mq, 99, &q), -EINVAL);
	rt_expect_ret("msgctl(mq, IPC_RMID, NULL)", SC3(NR_msgctl, mq, IPC_RMID, 0), 0);
	rt_expect_ret("msgsnd(mq [removed], ...)", SC4(NR_msgsnd, mq, &m, 1, IPC_NOWAIT), -EINVAL);
	return rt_finish();
}
